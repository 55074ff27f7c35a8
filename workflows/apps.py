from django.apps import AppConfig
from django.core import checks


class WorkflowsConfig(AppConfig):
    """Consultation plans, sign-off stages, their guards, notifications and the sign-off log."""

    name = "workflows"
    default_auto_field = "django.db.models.AutoField"

    def ready(self):
        from django.db.models.signals import pre_save
        from wagtail.documents import get_document_model
        from wagtail.models import TaskState, WorkflowState
        from wagtail.signals import task_approved, workflow_cancelled

        from workflows.checks import check_signoff_workflow
        from workflows.documents import keep_plan_documents_private
        from workflows.notifications import stage_approved_notifier

        task_approved.connect(
            stage_approved_notifier, sender=TaskState, dispatch_uid="workflows_stage_approved_email"
        )
        workflow_cancelled.connect(
            _record_cancellation, sender=WorkflowState, dispatch_uid="workflows_record_cancellation"
        )
        pre_save.connect(
            keep_plan_documents_private, sender=get_document_model(), dispatch_uid="workflows_private_eia"
        )
        checks.register(check_signoff_workflow, checks.Tags.database)


def _record_cancellation(sender, instance, user=None, **kwargs):
    from workflows.signoff import record_cancellation

    record_cancellation(instance, user=user)
