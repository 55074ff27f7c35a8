from django.apps import AppConfig


class WorkflowsConfig(AppConfig):
    """Consultation plans, sign-off stages, their guards, notifications and the sign-off log."""

    name = "workflows"
    default_auto_field = "django.db.models.AutoField"
