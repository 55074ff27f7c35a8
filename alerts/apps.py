from django.apps import AppConfig


class AlertsConfig(AppConfig):
    """Email alerts for anyone: new opportunities and outcomes, at once or in a weekly digest."""

    name = "alerts"
    default_auto_field = "django.db.models.AutoField"

    def ready(self):
        from alerts import announcements, personal_data
        from messaging import outcomes

        announcements.connect()
        outcomes.register_audience("alert subscribers", announcements.outcome_subscribers)
        # Read by the subject access export and erasure (involvement/personal_data.py).
        self.personal_data = personal_data
