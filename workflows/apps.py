from django.apps import AppConfig


class WorkflowsConfig(AppConfig):
    """Consultation plans, sign-off stages, their guards, notifications and the sign-off log."""

    name = "workflows"
    default_auto_field = "django.db.models.AutoField"

    def ready(self):
        from wagtail.models import TaskState
        from wagtail.signals import task_approved

        from workflows.notifications import stage_approved_notifier

        task_approved.connect(
            stage_approved_notifier, sender=TaskState, dispatch_uid="workflows_stage_approved_email"
        )
