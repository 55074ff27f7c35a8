"""Demo sign-off: the workflow shown on /get-involved/, the signed-off consultations' history
dated as it happened, and two plans part-way through so each approver has something to look at.

Called by `manage.py load_demo_content` after the demo pages, which the demo accounts signed off
as they were published (demo/signoff.py). Where there are no demo accounts (production
settings) only the workflow is assigned. Safe to run again: existing plans are kept.
"""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.models import PageLogEntry, TaskState, Workflow, WorkflowPage, WorkflowState

from demo.signoff import walk_signoff
from pages.models import OpportunityIndexPage, OpportunityPage
from workflows import roles
from workflows.models import SignOffDecision

APPROVERS = ["engagement", "equality", "clinical", "lay", "governing-body"]

# The signed-off consultations (demo/opportunities.py holds their plans) and how many days
# before opening their sign-off began, so the history reads as it happened.
SIGNED_OFF = {"future-of-urgent-care": 60, "mental-health-day-services-consultation": 35}

# Plans part-way through sign-off: (slug, title, category, EIA status, stages approved, rejected
# by, days waiting). The first waits for the Engagement team, who cannot approve it while its
# equality impact assessment is unfinished and the scrutiny committee has not been told; the
# second was sent back to the editor by the clinical lead.
IN_FLIGHT = [
    (
        "phlebotomy-clinics-consultation",
        "Proposed changes to community blood test clinics",
        "C",
        "in_progress",
        0,
        None,
        6,
    ),
    (
        "minor-injuries-xray-hours",
        "Changing X-ray opening hours at Newark minor injuries unit",
        "B",
        "complete",
        2,
        "clinical",
        2,
    ),
]


def build(home, stdout=None):
    index = OpportunityIndexPage.objects.child_of(home).filter(slug="get-involved").first()
    if index is None:
        return
    # Opportunities follow Consultation sign-off wherever they are; this shows it in Settings → Workflows.
    workflow = Workflow.objects.get(name=roles.CONSULTATION_SIGNOFF)
    WorkflowPage.objects.update_or_create(page=index, defaults={"workflow": workflow})

    users = {u.username: u for u in get_user_model().objects.filter(username__in=["editor", *APPROVERS])}
    if len(users) < len(APPROVERS) + 1:
        _say(stdout, "no demo accounts, so no sign-off history")
        return
    today = timezone.localdate()
    for slug, days_before in SIGNED_OFF.items():
        page = OpportunityPage.objects.child_of(index).filter(slug=slug).first()
        state = (
            page and page.workflow_states.filter(status=WorkflowState.STATUS_APPROVED).order_by("-pk").first()
        )
        if state is not None and state.created_at.date() >= page.opens:
            # Signed off just now by the demo loader: date it before the opening, as it happened.
            start = timezone.make_aware(
                datetime.datetime.combine(
                    page.opens - datetime.timedelta(days=days_before), datetime.time(10)
                )
            )
            _backdate(state, start, state.created_at)

    for slug, title, category, eia_status, approvals, rejected_by, waiting in IN_FLIGHT:
        if OpportunityPage.objects.child_of(index).filter(slug=slug).exists():
            continue
        page = draft(index, slug, title, category, eia_status, users["editor"], today)
        began = timezone.now()
        state = walk_signoff(page, approvals=approvals, rejected_by=rejected_by)
        _backdate(state, timezone.now() - datetime.timedelta(days=waiting + approvals), began)
        _say(stdout, f"drafted and submitted {page.url_path}")


def draft(index, slug, title, category, eia_status, editor, today):
    """An unpublished consultation plan written by the demo editor."""
    page = OpportunityPage(
        slug=slug,
        title=title,
        live=False,
        owner=editor,
        opportunity_type="consultation",
        level="consult" if category == "C" else "engage",
        is_service_change=True,
        summary=f"We are consulting on {title[0].lower() + title[1:]} and want to hear from "
        "the people it would affect before anything is decided.",
        how_to_take_part="<p>Answer the questionnaire online or on paper, or come to a drop-in session.</p>",
        opens=today + datetime.timedelta(days=21),
        closes=today + datetime.timedelta(days=21 + 84),
        category=category,
        eia_status=eia_status,
        eia_summary="Draft: older people and people without a car are most likely to be affected.",
        plan_proposal="Fewer, longer clinic sessions in better-connected venues.",
        plan_decision="Whether to change the clinic pattern from next year.",
        engagement_methods=["survey", "drop_in", "outreach"],
    )
    page.stakeholders.add(
        *[
            page.stakeholders.model(group="People who use the clinics", influence="low", interest="high"),
            page.stakeholders.model(group="GP practices", influence="high", interest="high"),
        ]
    )
    index.add_child(instance=page)
    page.save_revision(user=editor, log_action=True)
    return page


def _backdate(state, started, began):
    """Move what the sign-off recorded since `began` back to `started`, one decision a day."""
    offset = started - began
    WorkflowState.objects.filter(pk=state.pk).update(created_at=started)
    for task_state in TaskState.objects.filter(workflow_state=state):
        TaskState.objects.filter(pk=task_state.pk).update(started_at=task_state.started_at + offset)
    for n, decision in enumerate(SignOffDecision.objects.filter(workflow_state=state).order_by("pk")):
        when = started + datetime.timedelta(days=n, hours=1)
        SignOffDecision.objects.filter(pk=decision.pk).update(decided_at=when)
        TaskState.objects.filter(pk=decision.task_state_id).update(finished_at=when)
    for entry in PageLogEntry.objects.filter(page_id=state.object_id, timestamp__gte=began):
        PageLogEntry.objects.filter(pk=entry.pk).update(timestamp=entry.timestamp + offset)


def _say(stdout, message):
    if stdout is not None:
        stdout.write(f"  {message}")
