from django.apps import AppConfig


class MessagingConfig(AppConfig):
    """The outbox: every email, text message and letter the site sends, one row per recipient,
    delivered by the background worker."""

    name = "messaging"
    default_auto_field = "django.db.models.AutoField"

    def ready(self):
        from messaging import personal_data

        # Read by the subject access export and erasure (involvement/personal_data.py).
        self.personal_data = personal_data
