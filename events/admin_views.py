"""Staff views of an event's bookings: who booked each session, their access needs, attendance,
the sign-in sheet and a message to everyone booked.

For the Engagement team, superusers and the event's own organisers (events/staff_access.py); every
look at personal data, every change and every message is in the opportunity's history, with
counts and never a name. Reached from Reports → Event bookings and from the "Bookings" button on
an opportunity's page in the admin.
"""

import csv
import uuid

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods
from wagtail.admin import messages

from core.exports import neutralise
from events import attendance, staff_messages
from events.allocation import counts
from events.models import ACCESS_NEEDS, Booking, BookingStatus
from events.staff_access import (
    audit,
    may_see_any_bookings,
    opportunity_for,
    session_for,
    visible_opportunities,
)
from events.staff_forms import AttendanceForm, SessionMessageForm

STATUS_ORDER = [BookingStatus.CONFIRMED, BookingStatus.WAITING, BookingStatus.CANCELLED]
SIGN_IN_COLUMNS = ["Reference", "Name", "Places", "Access needs", "Email", "Phone", "Signed in"]


def _sessions_with_counts(page):
    return [(session, counts(session)) for session in page.sessions.filter(places__gt=0).order_by("starts")]


def bookings_index(request):
    """Reports → Event bookings: every event the user may see, each session with its numbers."""
    if not may_see_any_bookings(request.user):
        raise PermissionDenied
    now = timezone.now()
    pages = visible_opportunities(request.user).order_by("title")
    events = [{"page": page, "sessions": _sessions_with_counts(page)} for page in pages]
    # Soonest first; events whose sessions have all finished go last.
    events.sort(key=lambda e: (e["sessions"][-1][0].ends < now, e["sessions"][0][0].starts))
    return TemplateResponse(request, "events/admin/index.html", {"events": events, "now": now})


def opportunity_bookings(request, page_id):
    """One opportunity's sessions with their numbers and the links to each session's views."""
    page = opportunity_for(request, page_id)
    return TemplateResponse(
        request,
        "events/admin/opportunity.html",
        {"page": page, "sessions": _sessions_with_counts(page), "now": timezone.now()},
    )


def _context(session, page, **extra):
    return {"session": session, "page": page, "counts": counts(session), **extra}


def session_bookings(request, session_id):
    """Everyone who booked the session: confirmed, waiting (in order) and cancelled."""
    session, page = session_for(request, session_id)
    bookings = list(Booking.objects.filter(session=session).order_by("created_at", "pk"))
    groups = [
        (status.label, [b for b in bookings if b.status == status], status == BookingStatus.WAITING)
        for status in STATUS_ORDER
    ]
    audit(page, "events.bookings_viewed", user=request.user, session=session, shown=len(bookings))
    return TemplateResponse(request, "events/admin/bookings.html", _context(session, page, groups=groups))


def access_summary(session):
    """For the organiser: how many bookings (and places) need each thing, and the other needs in
    people's own words, for confirmed places and the waiting list separately."""
    bookings = Booking.objects.filter(
        session=session, status__in=[BookingStatus.CONFIRMED, BookingStatus.WAITING]
    )
    rows = {code: {"label": label, "confirmed": 0, "places": 0, "waiting": 0} for code, label in ACCESS_NEEDS}
    others = []
    for booking in bookings.order_by("created_at", "pk"):
        waiting = booking.status == BookingStatus.WAITING
        for code in booking.access_needs or []:
            if code in rows:
                rows[code]["waiting" if waiting else "confirmed"] += 1
                rows[code]["places"] += 0 if waiting else booking.places
        if booking.access_other.strip():
            others.append({"reference": booking.reference, "text": booking.access_other, "waiting": waiting})
    return list(rows.values()), others


def session_access_needs(request, session_id):
    session, page = session_for(request, session_id)
    rows, others = access_summary(session)
    audit(page, "events.access_needs_viewed", user=request.user, session=session, other_needs=len(others))
    return TemplateResponse(
        request,
        "events/admin/access_needs.html",
        _context(
            session, page, rows=rows, others=others, anyone=any(r["confirmed"] or r["waiting"] for r in rows)
        ),
    )


def _at_the_door(session):
    """Confirmed bookings by name, then the waiting list in its order (someone may be let in on the
    day)."""
    bookings = list(
        Booking.objects.filter(
            session=session, status__in=[BookingStatus.CONFIRMED, BookingStatus.WAITING]
        ).order_by("created_at", "pk")
    )
    confirmed = sorted(
        (b for b in bookings if b.status == BookingStatus.CONFIRMED), key=lambda b: b.name.casefold()
    )
    return confirmed + [b for b in bookings if b.status == BookingStatus.WAITING]


@require_http_methods(["GET", "POST"])
def session_attendance(request, session_id):
    """Mark who came and how many of each booking's places came."""
    session, page = session_for(request, session_id)
    bookings = _at_the_door(session)
    form = AttendanceForm(bookings, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        changed = attendance.mark(session, form.marks(), user=request.user)
        came = attendance.totals(Booking.objects.filter(session=session))
        audit(page, "events.attendance", user=request.user, session=session, changed=changed, **came)
        messages.success(
            request,
            ngettext(
                "Attendance saved: %(n)d booking changed.",
                "Attendance saved: %(n)d bookings changed.",
                changed,
            )
            % {"n": changed},
        )
        return redirect("events_session_attendance", session_id=session.pk)
    return TemplateResponse(request, "events/admin/attendance.html", _context(session, page, form=form))


def session_sign_in_sheet(request, session_id):
    """A printable sign-in sheet (its own print stylesheet), or the same as CSV (?format=csv)."""
    session, page = session_for(request, session_id)
    bookings = _at_the_door(session)
    export = request.GET.get("format") == "csv"
    audit(
        page,
        "events.sign_in_sheet",
        user=request.user,
        session=session,
        format="csv" if export else "print",
        rows=len(bookings),
    )
    if not export:
        return TemplateResponse(
            request, "events/admin/sign_in_sheet.html", _context(session, page, bookings=bookings)
        )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"sign-in-{page.slug}-{timezone.localtime(session.starts):%Y-%m-%d-%H%M}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    writer.writerow(SIGN_IN_COLUMNS)
    for booking in bookings:
        needs = booking.access_need_labels + ([booking.access_other] if booking.access_other else [])
        waiting = " (waiting list)" if booking.status == BookingStatus.WAITING else ""
        cells = [
            booking.reference + waiting,
            booking.name,
            booking.places,
            "; ".join(needs),
            booking.email,
            booking.phone,
            "",
        ]
        writer.writerow([neutralise(cell) for cell in cells])
    return response


@require_http_methods(["GET", "POST"])
def session_message(request, session_id):
    """Write a message, see who it will reach, then send it: each booking gets it once."""
    session, page = session_for(request, session_id)
    form = SessionMessageForm(request.POST if request.method == "POST" else None)
    context = _context(session, page, form=form)
    if request.method == "POST" and form.is_valid():
        statuses = form.statuses()
        message_id = form.cleaned_data["message_id"]
        if request.POST.get("action") == "send" and message_id:
            planned, queued = staff_messages.send(
                session,
                statuses,
                subject=form.cleaned_data["subject"],
                text=form.cleaned_data["text"],
                message_id=message_id,
                request=request,
            )
            audit(
                page,
                "events.message",
                user=request.user,
                session=session,
                message=message_id,
                recipients=planned.total,
                queued=queued,
                waiting_list=BookingStatus.WAITING in statuses,
            )
            if queued:
                messages.success(
                    request,
                    ngettext("Message queued for %(n)d person.", "Message queued for %(n)d people.", queued)
                    % {"n": queued},
                )
            else:
                messages.warning(request, "This message was already sent: nobody was sent it again.")
            return redirect("events_session_bookings", session_id=session.pk)
        # The confirm step: who it reaches, and the message as the first of them will read it.
        data = form.cleaned_data
        bound = form.data.copy()
        bound["message_id"] = message_id or uuid.uuid4().hex
        context.update(
            form=SessionMessageForm(bound),
            plan=staff_messages.plan(session, statuses),
            confirming=True,
            include_waiting=data["include_waiting"],
        )
    return TemplateResponse(request, "events/admin/message.html", context)


def bookings_url(page):
    return reverse("events_opportunity_bookings", args=[page.pk])
