"""The staff side of bookings in the admin: Reports → Event bookings, a "Bookings" button on each
opportunity that takes bookings, the views' addresses and their audit log actions."""

from django.urls import path, reverse
from wagtail import hooks

from events import admin_views
from events.staff_access import LOG_ACTIONS, can_see_bookings, may_see_any_bookings
from pages.admin_buttons import StaffMenuItem, register_opportunity_button
from pages.models import EventSession


@hooks.register("register_admin_urls")
def register_booking_urls():
    session = "event-bookings/session/<int:session_id>/"
    return [
        path("event-bookings/", admin_views.bookings_index, name="events_bookings"),
        path(
            "event-bookings/opportunity/<int:page_id>/",
            admin_views.opportunity_bookings,
            name="events_opportunity_bookings",
        ),
        path(session, admin_views.session_bookings, name="events_session_bookings"),
        path(f"{session}access-needs/", admin_views.session_access_needs, name="events_session_access_needs"),
        path(f"{session}attendance/", admin_views.session_attendance, name="events_session_attendance"),
        path(
            f"{session}sign-in-sheet/", admin_views.session_sign_in_sheet, name="events_session_sign_in_sheet"
        ),
        path(f"{session}message/", admin_views.session_message, name="events_session_message"),
    ]


@hooks.register("register_reports_menu_item")
def register_event_bookings_menu_item():
    return StaffMenuItem(
        "Event bookings",
        reverse("events_bookings"),
        name="event-bookings",
        icon_name="calendar",
        order=70,
        shown_to=may_see_any_bookings,
    )


def takes_bookings_and_may_see_them(user, page):
    takes_bookings = EventSession.objects.filter(page_id=page.pk, places__gt=0).exists()
    return takes_bookings and can_see_bookings(user, page)


# 'Bookings' on an opportunity whose sessions take bookings, for those who may see them.
BookingsButton = register_opportunity_button(
    label="Bookings",
    icon_name="calendar",
    url_name="events_opportunity_bookings",
    priority=70,
    shown_to=takes_bookings_and_may_see_them,
)


@hooks.register("register_log_actions")
def register_booking_log_actions(actions):
    for action, (label, message) in LOG_ACTIONS.items():
        actions.register_action(action, label, message)
