"""The public booking journey: <opportunity URL>book/, its confirmation, and the emailed change/cancel link.

These are Django views on URL patterns placed before Wagtail's page serving (events/urls.py), not
page routes, so pages knows nothing of bookings. None of them is ever in the anonymous page cache:
they are not in public_site/page_cache.py's CACHEABLE_VIEWS and each says `never_cache`.
"""

import logging

from django.db import DatabaseError, transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from wagtail.models import Site

from events import allocation, emails, links
from events.consent import consent_record
from events.forms import BookingForm, ChangeBookingForm
from events.models import Booking, BookingStatus
from events.panel import session_states
from involvement.spam import RATE_LIMIT_MESSAGE, RateLimiter
from messaging import links as message_links
from messaging.links import LinkExpired, LinkUsed
from pages.forms import admit
from pages.models import OpportunityPage

logger = logging.getLogger(__name__)

NOT_STORED_MESSAGE = (
    "Sorry, we could not take your booking just now. Nothing has been booked. Please try again in a "
    "few minutes, or contact us by phone or email instead."
)
LINK_NEXT_STEPS = "Your booking has not changed. Use the link in the latest email we sent you."
DONE = "event-booking-done"
DONE_SECONDS = 2 * 60 * 60


def opportunity_at(request, page_path):
    """The live, public opportunity at `page_path` in this site, or 404."""
    site = Site.find_for_request(request)
    if site is None or "\x00" in page_path or len(page_path) > 1000:
        raise Http404("Not a page address.")
    pages = OpportunityPage.objects.live().public()
    page = pages.filter(url_path=site.root_page.url_path + page_path).first()
    if page is None:
        raise Http404("No opportunity at this address.")
    return page


def _context(request, page, **extra):
    return {"page": page, "self": page, "request": request, **extra}


@never_cache
@sensitive_post_parameters()
@sensitive_variables()
def book(request, page_path):
    page = opportunity_at(request, page_path)
    states = session_states(page)
    if not states:
        raise Http404("This opportunity takes no bookings.")
    open_states = [state for state in states if state.can_book]
    full = {state.session.pk for state in open_states if state.waiting}
    privacy_notice, revision_id, description = consent_record(request)
    form_kwargs = {"sessions": [state.session for state in open_states], "full": full}
    if request.method == "POST" and open_states:
        form = BookingForm(request.POST, **form_kwargs)
        booking = _accept(request, form, str(revision_id or ""), description)
        if booking is not None:
            token = message_links.make_token(DONE, booking.pk, max_age=DONE_SECONDS)
            return redirect(f"{page.url}book/done/?r={token}")
    else:
        form = BookingForm(initial={"privacy_revision": str(revision_id or "")}, **form_kwargs)
    context = _context(request, page, form=form, states=states, can_book=bool(open_states))
    context["privacy_notice"] = privacy_notice
    return render(request, "events/book.html", context)


def _accept(request, form, current_revision, consent_version):
    """The booking made from a valid form, or None with the reason on the form."""

    def read_the_current_notice(form):
        if form.cleaned_data.get("privacy_revision", "") == current_revision:
            return True
        form.add_error(
            "consent",
            "Our privacy notice has changed since you opened this page. Read it again, then tick the "
            "box if you agree",
        )
        form.data = form.data.copy()
        form.data["privacy_revision"] = current_revision
        return False

    limiter = RateLimiter(request, "booking")
    if not admit(form, request.POST, limiter, RATE_LIMIT_MESSAGE, check=read_the_current_notice):
        return None
    data = form.cleaned_data
    try:
        return allocation.book(
            form.chosen_session,
            name=data["name"],
            email=data.get("email", ""),
            phone=data.get("phone", ""),
            places=data["places"],
            access_needs=data.get("access_needs") or [],
            access_other=data.get("access_other", ""),
            consent_version=consent_version,
        )
    except allocation.BookingRefused as refusal:
        limiter.release()
        form.add_error(_field_for(refusal, form), refusal.message)
    except DatabaseError:
        logger.exception("Could not store a booking")
        limiter.release()
        form.add_error(None, NOT_STORED_MESSAGE)
    return None


def _field_for(refusal, form):
    """Where a refusal is shown: by the places asked for, by the sessions, or above the form."""
    if isinstance(refusal, allocation.NotEnoughPlaces | allocation.TooManyForOneBooking):
        return "places"
    return None if form.single_session else "session"


def _page(request, template, page, booking, **extra):
    context = _context(request, page, booking=booking, session=booking.session, **extra)
    return render(request, template, context)


@never_cache
def done(request, page_path):
    page = opportunity_at(request, page_path)
    try:
        pk = message_links.read_token(str(request.GET.get("r", ""))[:2000], DONE)
        booking = Booking.objects.select_related("session").get(pk=int(pk), session__page=page)
    except (links.LinkError, Booking.DoesNotExist, TypeError, ValueError):
        return redirect(f"{page.url}book/")
    return _page(request, "events/done.html", page, booking)


def _booking_for(token, page):
    pk, state = links.read(token)
    booking = Booking.objects.select_related("session").filter(pk=pk, session__page=page).first()
    if booking is None:
        raise links.LinkInvalid()
    if booking.status == BookingStatus.CANCELLED or not links.matches(booking, state):
        raise LinkUsed()
    if booking.session.starts <= timezone.now():
        raise LinkExpired()
    return booking


@never_cache
@sensitive_post_parameters()
@sensitive_variables()
def manage(request, page_path):
    """Change or cancel a booking from its emailed link: GET shows it, POST changes or cancels once."""
    page = opportunity_at(request, page_path)
    token = str(request.GET.get("t", ""))[:4000]
    try:
        booking = _booking_for(token, page)
    except links.LinkError as error:
        return links.link_problem(request, error, next_steps=LINK_NEXT_STEPS)
    session = booking.session
    initial = {name: getattr(booking, name) for name in ("places", "access_needs", "access_other")}
    form = ChangeBookingForm(initial=initial, session=session)
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "cancel":
            return _cancel(request, page, booking, token)
        if action == "change":
            form = ChangeBookingForm(request.POST, session=session)
            if form.is_valid():
                result = _change(request, form, booking, token)
                if result is not None:
                    return result
    context = _context(request, page, booking=booking, session=session, form=form, token=token)
    return render(request, "events/manage.html", context)


def _cancel(request, page, booking, token):
    try:
        with transaction.atomic():
            links.read(token, consume=True)
            allocation.cancel(booking)
            emails.cancelled(booking, request)
    except links.LinkError as error:
        return links.link_problem(request, error)
    return _page(request, "events/cancelled.html", page, booking)


def _change(request, form, booking, token):
    data = form.cleaned_data
    try:
        with transaction.atomic():
            links.read(token, consume=True)
            allocation.change(
                booking,
                places=data["places"],
                access_needs=data.get("access_needs") or [],
                access_other=data.get("access_other", ""),
            )
            booking.refresh_from_db()
            emails.changed(booking, request)
    except links.LinkError as error:
        return links.link_problem(request, error)
    except allocation.BookingRefused as refusal:
        form.add_error("places", refusal.message)
        return None
    return _page(request, "events/changed.html", booking.session.page, booking)
