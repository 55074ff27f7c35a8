from django.apps import AppConfig


class ReportingConfig(AppConfig):
    """The annual engagement report page and the admin reports on overdue feedback."""

    name = "reporting"
    default_auto_field = "django.db.models.AutoField"
