"""Demo sign-off: the workflow on /get-involved/, plans for the demo consultations with their
sign-off history, and two plans part-way through so each approver has something to look at.

Called by `manage.py load_demo_content` after the demo pages and accounts exist. History needs
the demo accounts, so where they are not made (production settings) only the workflow is
assigned. Safe to run again: history is added once per plan, and existing plans are kept.
"""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from wagtail.models import PageLogEntry, TaskState, Workflow, WorkflowPage, WorkflowState

from pages.demo.sync import update_page
from pages.models import OpportunityIndexPage, OpportunityPage
from workflows import roles
from workflows.models import SignOffDecision

APPROVERS = ["engagement", "equality", "clinical", "lay", "governing-body"]

STAKEHOLDERS = {
    "future-of-urgent-care": [
        ("Patients who use the walk-in centre", "low", "high"),
        ("Healthwatch Nottinghamshire", "high", "high"),
        ("Health Scrutiny Committee", "high", "high"),
        ("GP practices in Mansfield and Ashfield", "high", "low"),
        ("Local councillors and MPs", "high", "low"),
        ("Voluntary and community groups", "low", "high"),
        ("Residents elsewhere in the county", "low", "low"),
    ],
    "mental-health-day-services-consultation": [
        ("People who use the day centres, and their carers", "low", "high"),
        ("Mental health trust staff", "high", "high"),
        ("Health Scrutiny Committee", "high", "high"),
        ("Mental health voluntary sector", "low", "high"),
        ("GP practices", "high", "low"),
    ],
}

# slug: (plan fields, days before opening when submission happened)
PLANS = {
    "future-of-urgent-care": (
        {
            "category": "C",
            "plan_proposal": "Bring the walk-in centre and the out-of-hours GP service together in one "
            "urgent treatment centre open 8am to 10pm, bookable through NHS 111. Activity data shows "
            "half of walk-in visits could be booked, and the two services share staff shortages.",
            "plan_decision": "Whether to commission a single urgent treatment centre from next April; "
            "taken by the Governing Bodies in public after the consultation report.",
            "eia_status": "complete",
            "eia_summary": "Age, disability and pregnancy and maternity are most affected. Mitigations: "
            "telephone booking without the app, transport advice, extended paediatric hours.",
            "engagement_methods": ["survey", "public_meetings", "drop_in", "outreach", "social_media"],
            "osc_involvement": True,
            "resources": "Engagement team (two officers for 14 weeks), venues, printing and easy read "
            "translation; £8,000.",
            "evaluation": "Reach compared with the population profile; a report to the Governing Bodies "
            "and a 'You said, We did' page within 12 weeks of closing.",
        },
        60,
    ),
    "mental-health-day-services-consultation": (
        {
            "category": "C",
            "plan_proposal": "Replace two day centres with recovery workers in GP practices and "
            "community venues, open into the evening.",
            "plan_decision": "Whether to re-provide day services in the community; Governing Bodies.",
            "eia_status": "complete",
            "eia_summary": "Disability (mental health) and age most affected; transport and continuity "
            "of relationships are the main risks.",
            "engagement_methods": ["survey", "public_meetings", "focus_groups", "voluntary_sector"],
            "osc_involvement": True,
            "resources": "Engagement team and the mental health commissioning manager; £6,500.",
            "evaluation": "Independent analysis of responses; report to the Governing Bodies.",
        },
        35,
    ),
}

# Plans part-way through sign-off: (slug, title, category, EIA status, stages approved, rejected
# by, days waiting). The first waits at the equality stage, which cannot approve an incomplete
# assessment; the second was sent back to the editor by the clinical lead.
IN_FLIGHT = [
    (
        "phlebotomy-clinics-consultation",
        "Proposed changes to community blood test clinics",
        "C",
        "in_progress",
        1,
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
    workflow = Workflow.objects.get(name=roles.CONSULTATION_SIGNOFF)
    WorkflowPage.objects.update_or_create(page=index, defaults={"workflow": workflow})

    users = {u.username: u for u in get_user_model().objects.filter(username__in=["editor", *APPROVERS])}
    if len(users) < len(APPROVERS) + 1:
        _say(stdout, "no demo accounts, so no sign-off history")
        return
    today = timezone.localdate()
    for slug, (fields, days_before) in PLANS.items():
        page = OpportunityPage.objects.child_of(index).filter(slug=slug).first()
        if page is None:
            continue
        stakeholders = [
            {"group": group, "influence": influence, "interest": interest}
            for group, influence, interest in STAKEHOLDERS[slug]
        ]
        update_page(
            page,
            fields={**fields, "osc_notified_on": page.opens - datetime.timedelta(days=days_before + 14)},
            children={"stakeholders": stakeholders},
            stdout=stdout,
        )
        if not SignOffDecision.objects.filter(page_id=page.pk).exists():
            start = timezone.make_aware(
                datetime.datetime.combine(
                    page.opens - datetime.timedelta(days=days_before), datetime.time(10)
                )
            )
            signoff(page, users, approvals=len(APPROVERS), started=start)
            _say(stdout, f"signed off {page.url_path}")

    for slug, title, category, eia_status, approvals, rejected_by, waiting in IN_FLIGHT:
        if OpportunityPage.objects.child_of(index).filter(slug=slug).exists():
            continue
        page = draft(index, slug, title, category, eia_status, users["editor"], today)
        started = timezone.now() - datetime.timedelta(days=waiting + approvals)
        signoff(page, users, approvals=approvals, started=started, rejected_by=rejected_by)
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
        summary=f"We are planning to change {title[0].lower() + title[1:]} and want to hear from "
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


@transaction.atomic
def signoff(page, users, *, approvals, started, rejected_by=None):
    """Submit `page` as the editor and approve `approvals` stages in turn (rejecting at the next
    one if `rejected_by`), then move the timestamps back so the history reads as it happened."""
    began = timezone.now()
    state = page.get_workflow().start(page, users["editor"])
    for approver in APPROVERS:
        page = OpportunityPage.objects.get(pk=page.pk)
        task_state = page.current_workflow_task_state
        if task_state is None or approvals == 0:
            break
        user = users[approver]
        if not task_state.task.specific.groups.filter(user=user).exists():
            continue
        task_state.task.specific.on_action(task_state, user, "approve", comment=COMMENTS[approver])
        approvals -= 1
    if rejected_by:
        page = OpportunityPage.objects.get(pk=page.pk)
        task_state = page.current_workflow_task_state
        task_state.task.specific.on_action(
            task_state, users[rejected_by], "reject", comment=COMMENTS["reject"]
        )
    _backdate(state, started, began)


COMMENTS = {
    "engagement": "The public summary is clear and the methods reach the groups in the stakeholder map.",
    "equality": "The equality impact assessment is thorough; mitigations for older and disabled "
    "people agreed.",
    "clinical": "Clinically sound; the proposed model matches national urgent and community care standards.",
    "lay": "Patients will understand what is proposed; please keep the easy read version prominent.",
    "governing-body": "Approved for public consultation. The Health Scrutiny Committee has been notified.",
    "reject": "Please add travel-time evidence for people without a car before this comes back to me.",
}


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
