from django.apps import AppConfig


class EventsConfig(AppConfig):
    """Bookings for the sessions of an event: places, a waiting list, access needs and reminders."""

    name = "events"
    default_auto_field = "django.db.models.AutoField"

    def ready(self):
        from events import signals  # noqa: F401 (connects its receivers)
        from events.panel import booking_panel
        from pages.extensions import register_opportunity_panel

        register_opportunity_panel(
            "booking", booking_panel, template="events/includes/booking_panel.html", slot="actions", order=20
        )

        from events import attendance, personal_data
        from pages.participation import register_participation_count

        # Read by the subject access export and erasure (involvement/personal_data.py).
        self.personal_data = personal_data
        # "People who took part" on the outcome answering an event (pages/participation.py).
        register_participation_count("event attendance", attendance.people_who_came)
