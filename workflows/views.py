"""Admin views for review stages: the review page where a stage is decided, the landing after a
decision, and cancelling a review with a reason."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.timesince import timesince
from wagtail.admin import messages
from wagtail.models import Page, TaskState, WorkflowState

from workflows import signoff
from workflows.decision_forms import CancelReviewForm, SignOffDecisionForm
from workflows.exceptions import AlreadyDecided, SignOffRefused
from workflows.models import Decision, SignOffDecision, SignOffTask, latest_revision
from workflows.review import content_sections, run_progress

ACTIONS = {"approve": "Approve", "reject": "Request changes"}


def _review_state(task_state_id):
    task_state = get_object_or_404(TaskState.objects.select_related("workflow_state"), pk=task_state_id)
    task = task_state.task.specific
    if not isinstance(task, SignOffTask):
        raise Http404
    return task_state, task


def review(request, task_state_id):
    """One stage of one review: the exact content to decide, the checks, and Approve and Request
    changes side by side. A decision is taken on the revision the page showed, or not at all."""
    task_state, task = _review_state(task_state_id)
    user = request.user
    if not (user.is_superuser or task._user_in_groups(user)):
        raise PermissionDenied
    workflow_state = task_state.workflow_state
    form = SignOffDecisionForm(request.POST or None)
    if request.method == "POST":
        action = request.POST.get("decision")
        if action in ACTIONS and form.is_valid():
            try:
                url = task.on_action(
                    task_state,
                    user,
                    action,
                    comment=form.cleaned_data["comment"],
                    revision=request.POST.get("revision"),
                )
            except AlreadyDecided as refusal:
                if refusal.task_state.finished_by_id == user.pk:
                    # The same decision sent twice (a double click, a retry): it was taken once.
                    messages.info(request, "Your decision on this stage was already recorded.")
                    return redirect("wagtailadmin_home")
                messages.error(request, str(refusal))
            except SignOffRefused as refusal:
                messages.error(request, str(refusal))
            else:
                return redirect(url)
        elif action not in ACTIONS:
            messages.error(request, "Choose Approve or Request changes.")
    task_state.refresh_from_db()
    if task_state.status != TaskState.STATUS_IN_PROGRESS:
        messages.warning(
            request, f"{task.name} has already been decided ({task_state.get_status_display().lower()})."
        )
        return redirect("wagtailadmin_home")
    revision = latest_revision(workflow_state)
    obj = revision.as_object()
    context = {
        "task": task,
        "task_state": task_state,
        "workflow_state": workflow_state,
        "page": obj,
        "revision": revision,
        "form": form,
        "sections": content_sections(obj),
        "progress": run_progress(workflow_state, obj),
        "problems": task.approval_problems(obj),
        "approve_refusal": task.refusal(user, workflow_state, "approve", revision),
        "reject_refusal": task.refusal(user, workflow_state, "reject", revision),
        "waited": timesince(task_state.started_at),
        "preview_url": reverse("wagtailadmin_pages:workflow_preview", args=[obj.pk, task.pk]),
        "compare_url": _compare_url(obj, revision),
    }
    return TemplateResponse(request, "workflows/review.html", context)


def _compare_url(page, revision):
    live_id = Page.objects.filter(pk=page.pk).values_list("live_revision_id", flat=True).first()
    if not live_id or live_id == revision.pk:
        return None
    return reverse("wagtailadmin_pages:revisions_compare", args=[page.pk, live_id, revision.pk])


def decided(request, decision_id):
    """Where an approver lands after a decision: their queue, with a message naming what they did."""
    decision = get_object_or_404(SignOffDecision, pk=decision_id, user=request.user)
    messages.success(request, decision_message(decision))
    return redirect("wagtailadmin_home")


def decision_message(decision):
    title = f"“{decision.page_title}”"
    if decision.decision != Decision.APPROVED:
        submitter = decision.submitted_by_name or "its editor"
        return f"You requested changes at {decision.stage_name} of {title}. It has gone back to {submitter}."
    message = f"You approved {decision.stage_name} of {title}."
    state = decision.workflow_state
    page = Page.objects.filter(pk=decision.page_id).first()
    if state is None or page is None:
        return message
    if state.status == WorkflowState.STATUS_IN_PROGRESS and state.current_task_state:
        return f"{message} It now waits for {state.current_task_state.task.name}."
    if state.status == WorkflowState.STATUS_APPROVED:
        scheduled = page.specific_deferred.scheduled_revision
        if page.live and scheduled is None:
            return f"{message} Every stage has approved it, and it is now live."
        if scheduled is not None:
            goes_live = timezone.localtime(scheduled.approved_go_live_at)
            return f"{message} Every stage has approved it; it goes live on {goes_live:%d/%m/%Y}."
    return message


def cancel_review(request, page_id):
    """Cancel a review, with the reason, by the person who submitted it or the Engagement team."""
    page = get_object_or_404(Page, pk=page_id).specific
    state = page.current_workflow_state
    if (
        state is None
        or state.current_task_state is None
        or not isinstance(state.current_task_state.task.specific, SignOffTask)
    ):
        messages.error(request, "There is no review in progress to cancel.")
        return redirect("wagtailadmin_pages:edit", page.pk)
    if not signoff.may_cancel(state, request.user):
        raise PermissionDenied
    form = CancelReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            signoff.cancel(state, request.user, form.cleaned_data["comment"])
        except SignOffRefused as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(request, f"The review of “{page.get_admin_display_title()}” has been cancelled.")
            return redirect("wagtailadmin_pages:edit", page.pk)
    context = {"page": page, "workflow_state": state, "form": form}
    return TemplateResponse(request, "workflows/cancel_review.html", context)
