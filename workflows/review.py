"""What an approver sees on the review page: every signed-off field of the exact revision they
decide, tab by tab as the editor shows them, and where the run has got to."""

from django.db.models import ManyToManyField
from django.template.defaultfilters import date as format_date
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import TaskState
from wagtail.rich_text import RichText

from workflows.fingerprint import signed_off_fields
from workflows.models import Decision, SignOffDecision, SignOffTask


def content_sections(obj):
    """[(tab heading, [(label, value as HTML)])] for every signed-off field of `obj`, in editor order."""
    fields, children = signed_off_fields(type(obj))
    wanted = set(fields) | set(children)
    sections = []
    for tab in type(obj).get_edit_handler().children:
        rows = [_row(obj, panel) for panel in _leaf_panels(tab) if _panel_name(panel) in wanted]
        if rows:
            sections.append((tab.heading, rows))
    return sections


def _leaf_panels(panel):
    if isinstance(panel, FieldPanel | InlinePanel):
        yield panel
        return
    for child in getattr(panel, "children", ()):
        yield from _leaf_panels(child)


def _panel_name(panel):
    return panel.relation_name if isinstance(panel, InlinePanel) else panel.field_name


def _row(obj, panel):
    if isinstance(panel, InlinePanel):
        rows = [(str(row),) for row in getattr(obj, panel.relation_name).all()]
        items = format_html("<ul>{}</ul>", format_html_join("", "<li>{}</li>", rows)) if rows else ""
        return (panel.label or panel.relation_name, items)
    field = obj._meta.get_field(panel.field_name)
    return (str(field.verbose_name)[:1].upper() + str(field.verbose_name)[1:], display_value(obj, field))


def display_value(obj, field):
    """A field's value as an approver should read it (HTML-escaped unless it is rich text)."""
    value = getattr(obj, field.name)
    if isinstance(field, ManyToManyField) or field.many_to_many:
        names = [str(item) for item in value.all()]
        return ", ".join(names) if names else ""
    if isinstance(field, RichTextField):
        return format_html("{}", RichText(value)) if value else ""
    if isinstance(field, StreamField):
        return format_html("{}", value.render_as_block()) if value else ""
    if hasattr(field, "labels"):  # ChoiceListField
        return ", ".join(field.labels(value))
    if field.choices:
        return getattr(obj, f"get_{field.name}_display")()
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if hasattr(value, "tzinfo"):
        return format_date(timezone.localtime(value), "j F Y, H:i")
    if hasattr(value, "isoformat"):
        return format_date(value, "j F Y")
    if value is None:
        return ""
    return str(value)


def run_progress(workflow_state, obj):
    """[(stage name, status sentence)] for each stage of the workflow, for the plan as it stands."""
    decisions = {}
    for decision in SignOffDecision.objects.filter(workflow_state=workflow_state).order_by(
        "decided_at", "pk"
    ):
        decisions[decision.stage] = decision
    current = workflow_state.current_task_state
    progress = []
    for task in workflow_state.workflow.tasks.filter(active=True).specific():
        if not isinstance(task, SignOffTask):
            progress.append((task.name, ""))
            continue
        decision = decisions.get(task.stage)
        if (
            current is not None
            and current.task_id == task.pk
            and current.status == TaskState.STATUS_IN_PROGRESS
        ):
            progress.append((task.name, "Waiting for a decision"))
        elif decision is not None and decision.decision == Decision.APPROVED:
            progress.append((task.name, f"Approved by {decision.user_name}"))
        elif task.skip_reason(obj):
            progress.append((task.name, "Not needed for this category"))
        elif decision is not None and decision.decision == Decision.REJECTED:
            progress.append((task.name, f"Changes requested by {decision.user_name}"))
        else:
            progress.append((task.name, "Still to come"))
    return progress
