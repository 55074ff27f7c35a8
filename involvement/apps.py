from django.apps import AppConfig


class InvolvementConfig(AppConfig):
    """The involvement register and 'share your experience' feedback, with their personal data."""

    name = "involvement"
    default_auto_field = "django.db.models.AutoField"
