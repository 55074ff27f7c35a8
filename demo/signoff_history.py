"""Demo sign-off: the workflow shown on /get-involved/, the signed-off consultations' history
dated as it happened, and two plans part-way through so each approver has something to look at.

Called by `manage.py load_demo_content` after the demo pages, which the demo accounts signed off
as they were published (demo/signoff.py). Where there are no demo accounts (production
settings) only the workflow is assigned. Safe to run again: existing plans are kept.
"""

import datetime

from django.utils import timezone
from wagtail.models import PageLogEntry, TaskState, Workflow, WorkflowPage, WorkflowState

from core import roles
from demo.datafiles import day, fill, read_toml
from demo.signoff import SUBMITTER, demo_accounts, walk_signoff
from pages.models import OpportunityIndexPage, OpportunityPage
from workflows.models import SignOffDecision

FILE = "signoff.toml"


def in_flight():
    """The plans part-way through sign-off, as signoff.toml lists them."""
    return read_toml(FILE)["in_flight"]


def build(home, stdout=None):
    index = OpportunityIndexPage.objects.child_of(home).filter(slug="get-involved").first()
    if index is None:
        return
    # Opportunities follow Consultation sign-off wherever they are; this shows it in Settings → Workflows.
    workflow = Workflow.objects.get(name=roles.CONSULTATION_SIGNOFF)
    WorkflowPage.objects.update_or_create(page=index, defaults={"workflow": workflow})

    accounts = demo_accounts()
    if accounts is None:
        _say(stdout, "no demo accounts, so no sign-off history")
        return
    today = timezone.localdate()
    data = read_toml(FILE)
    for signed_off in data["signed_off"]:
        page = OpportunityPage.objects.child_of(index).filter(slug=signed_off["opportunity"]).first()
        state = (
            page and page.workflow_states.filter(status=WorkflowState.STATUS_APPROVED).order_by("-pk").first()
        )
        if state is not None and state.created_at.date() >= page.opens:
            # Signed off just now by the demo loader: date it before the opening, as it happened.
            began = page.opens - datetime.timedelta(days=signed_off["began_days_before_opening"])
            start = timezone.make_aware(datetime.datetime.combine(began, datetime.time(10)))
            _backdate(state, start, state.created_at)

    for plan in data["in_flight"]:
        if OpportunityPage.objects.child_of(index).filter(slug=plan["slug"]).exists():
            continue
        page = draft(index, plan, data["draft"], accounts[SUBMITTER], today)
        began = timezone.now()
        approvals = plan["approved_stages"]
        state = walk_signoff(page, approvals=approvals, rejected_by=plan.get("changes_requested_by"))
        _backdate(state, timezone.now() - datetime.timedelta(days=plan["waiting_days"] + approvals), began)
        _say(stdout, f"drafted and submitted {page.url_path}")


def draft(index, plan, text, editor, today):
    """An unpublished consultation plan written by the demo editor; `text` is what it says."""
    title = plan["title"]
    text = fill(text, {"subject": title[0].lower() + title[1:]}, FILE)
    page = OpportunityPage(
        slug=plan["slug"],
        title=title,
        live=False,
        owner=editor,
        opportunity_type=text["opportunity_type"],
        level="consult" if plan["category"] == "C" else "engage",
        is_service_change=text["is_service_change"],
        summary=text["summary"],
        how_to_take_part=text["how_to_take_part"],
        opens=day(today, text["opens"]),
        closes=day(today, text["opens"] + text["lasts"]),
        category=plan["category"],
        eia_status=plan["eia_status"],
        eia_summary=text["eia_summary"],
        plan_proposal=text["plan_proposal"],
        plan_decision=text["plan_decision"],
        engagement_methods=text["engagement_methods"],
    )
    page.stakeholders.add(*[page.stakeholders.model(**row) for row in text["stakeholders"]])
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
