from django.apps import AppConfig


class OperationsConfig(AppConfig):
    """Running the site: backups and restores, and keeping personal data out of the logs."""

    name = "operations"
    default_auto_field = "django.db.models.AutoField"
