"""Who may see an event's bookings, and the audit record of each look.

Bookings hold names, contact details and access needs, so they are for the Engagement team (and
superusers) and for the organisers named on the opportunity itself (its "Sessions and booking"
tab), nobody else: another event's organiser, an editor, an approver all get a refusal. As for
the register (involvement/permissions.py), a model permission is not enough on its own.

Every look at personal data (a session's bookings, its access needs, the sign-in sheet in either
form), every change of attendance and every message sent is written to Wagtail's audit log against
the opportunity, so it shows in the page's history and in Reports → Site history. An entry says
which session and how many bookings, never a name, an address or what someone needs.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from wagtail.log_actions import log

from involvement.permissions import in_engagement_team
from pages.models import EventSession, OpportunityPage

# The audit log's actions for the staff side, with the label Wagtail's history shows.
LOG_ACTIONS = {
    "events.bookings_viewed": ("View a session's bookings", "Bookings viewed"),
    "events.access_needs_viewed": ("View a session's access needs", "Access needs viewed"),
    "events.sign_in_sheet": ("Print or download a sign-in sheet", "Sign-in sheet printed or downloaded"),
    "events.attendance": ("Mark attendance", "Attendance marked"),
    "events.message": ("Message everyone booked", "Message sent to people booked"),
    "events.subject_access": ("Subject access export", "Bookings exported for a subject access request"),
    "events.erase": ("Erase personal data", "Booking's personal data erased"),
}


def is_active_staff(user):
    return bool(user and user.is_authenticated and user.is_active)


def organises(user, page):
    """True if `user` is named as an organiser of this opportunity (as it is live)."""
    if not is_active_staff(user):
        return False
    cache = user.__dict__.setdefault("_organised_pages", {})
    if page.pk not in cache:
        cache[page.pk] = OpportunityPage.objects.filter(pk=page.pk, event_organisers=user).exists()
    return cache[page.pk]


def can_see_bookings(user, page):
    """The Engagement team, superusers and this event's own organisers."""
    return in_engagement_team(user) or organises(user, page)


def visible_opportunities(user):
    """The opportunities with sessions taking bookings whose bookings `user` may see."""
    pages = OpportunityPage.objects.filter(sessions__places__gt=0).distinct()
    if in_engagement_team(user):
        return pages
    if not is_active_staff(user):
        return pages.none()
    return pages.filter(event_organisers=user)


def may_see_any_bookings(user):
    """Whether to offer Reports → Event bookings at all."""
    return in_engagement_team(user) or (
        is_active_staff(user) and OpportunityPage.objects.filter(event_organisers=user).exists()
    )


def session_for(request, session_id):
    """The session and its opportunity, or a refusal for anyone who may not see its bookings.

    A missing session and someone else's session both refuse: the answer does not say which
    sessions exist to someone who may not see them.
    """
    session = EventSession.objects.filter(pk=session_id).select_related("page").first()
    if session is None:
        if in_engagement_team(request.user):
            get_object_or_404(EventSession, pk=session_id)
        raise PermissionDenied
    page = session.page
    if not can_see_bookings(request.user, page):
        raise PermissionDenied
    return session, page


def opportunity_for(request, page_id):
    page = OpportunityPage.objects.filter(pk=page_id).first()
    if page is None:
        if in_engagement_team(request.user):
            get_object_or_404(OpportunityPage, pk=page_id)
        raise PermissionDenied
    if not can_see_bookings(request.user, page):
        raise PermissionDenied
    return page


def audit(page, action, *, user, session=None, **data):
    """One entry in the opportunity's history: the action, the session and counts, nothing personal."""
    if session is not None:
        data = {"session": session.pk, **data}
    return log(page, action, user=user, data=data)
