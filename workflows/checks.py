"""A system check: consultation sign-off exists, is active and has every stage."""

from django.core import checks
from django.db import DatabaseError

from core import roles


def check_signoff_workflow(app_configs=None, databases=None, **kwargs):
    """Warn when the Consultation sign-off workflow is missing, turned off or lacks a stage.

    Opportunities cannot be published without it (the publishing rule still holds). It reads the
    database, so, as Django does with such checks, it runs with `manage.py check --database
    default` and before `migrate`, not with every command.
    """
    if not databases:
        return []
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Workflow

    from workflows.models import SIGNOFF_TASK_TYPES, EngagementReviewTask

    try:
        first = ContentType.objects.get_for_model(EngagementReviewTask)
        workflow = Workflow.objects.filter(workflow_tasks__task__content_type=first).order_by("pk").first()
        if workflow is None:
            return [
                _warning(
                    f"There is no {roles.CONSULTATION_SIGNOFF} workflow: opportunities cannot be published."
                )
            ]
        problems = []
        if not workflow.active:
            problems.append(
                _warning(f"The {workflow.name} workflow is inactive: opportunities cannot be published.")
            )
        present = {task.specific_class for task in workflow.tasks.filter(active=True)}
        for stage in SIGNOFF_TASK_TYPES:
            if stage not in present:
                problems.append(
                    _warning(
                        f"The {workflow.name} workflow has no active {stage.get_verbose_name()} stage: "
                        "plans that need it cannot be published."
                    )
                )
        return problems
    except DatabaseError:
        # Before the first migration there is nothing to check; `migrate` creates the workflow.
        return []


def _warning(message):
    return checks.Warning(
        message,
        hint="Restore it under Settings → Workflows, or run `manage.py migrate`, which creates it.",
        id="workflows.W001",
    )
