"""Admin integration for sign-off: the routes that could get round it, the approver's actions in
the editor, history entries, the dashboard queue and the sign-off log."""

from django.apps import apps
from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.timesince import timesince
from wagtail import hooks
from wagtail.admin.action_menu import (
    ActionMenuItem,
    CancelWorkflowMenuItem,
    RestartWorkflowMenuItem,
    SubmitForModerationMenuItem,
    WorkflowMenuItem,
)
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.log_actions import LogFormatter
from wagtail.models import Page

from workflows import views
from workflows.documents import leaving_privacy_problem
from workflows.models import SignOffTask
from workflows.publication import publication_problems
from workflows.reports import SignOffLogView
from workflows.signoff import is_approver, may_cancel, waiting_stages

# Edit-form actions that would decide, cancel or restart a review without its own rules.
WORKFLOW_POSTS = ("action-workflow-action", "action-cancel-workflow", "action-restart-workflow")


@hooks.register("register_log_actions")
def register_signoff_log_actions(actions):
    def message_action(action_name, label, message, comment_key):
        class Formatter(LogFormatter):
            def format_message(self, log_entry):
                return message(log_entry.data)

            def format_comment(self, log_entry):
                value = log_entry.data.get(comment_key, "")
                return " ".join(value) if isinstance(value, list) else value

        Formatter.label = label
        actions.register_action(action_name)(Formatter)

    message_action(
        "workflows.stage_skipped",
        "Sign-off stage skipped",
        lambda data: f"Sign-off stage skipped: {data.get('stage', '')}",
        "reason",
    )
    message_action(
        "workflows.publish_refused", "Publishing refused", lambda data: "Publishing refused", "problems"
    )
    message_action(
        "workflows.signoff_restarted", "Sign-off restarted", lambda data: "Sign-off restarted", "reason"
    )
    message_action(
        "workflows.category_changed",
        "Category changed",
        lambda data: f"Category changed from {data.get('old') or 'none'} to {data.get('new') or 'none'}",
        "reason",
    )


def _review_task(page):
    task = page.current_workflow_task
    return task if isinstance(task, SignOffTask) else None


def _current_review(page):
    """The page's review workflow state, waiting at a stage or returned for changes, if any."""
    state = page.current_workflow_state
    if state is None or state.current_task_state is None:
        return None
    return state if isinstance(state.current_task_state.task.specific, SignOffTask) else None


@hooks.register("before_edit_page")
def refuse_edit_form_decisions(request, page):
    """Reviews are decided on their review page, cancelled with a reason, and never restarted by
    hand: the edit form's own actions for these would save the page with the decision (so an
    approver's edit went live unreviewed), skip the comment, or decide again when autosave posts
    the form a second time. Such a post is refused before the form is read."""
    if request.method != "POST" or not any(request.POST.get(name) for name in WORKFLOW_POSTS):
        return None
    state = _current_review(page)
    if state is None and not request.POST.get("action-workflow-action"):
        return None
    # A decision posted from the form is refused even once the review is over: it is an old page
    # or autosave sending the form again, and would save a revision in the approver's name.
    if not request.accepts("text/html"):  # autosave, which expects JSON
        return JsonResponse(
            {
                "success": False,
                "error_code": "blocked_by_hook",
                "error_message": "Decide on the review page.",
            },
            status=400,
        )
    if request.POST.get("action-workflow-action"):
        messages.error(
            request, "Sign-off stages are decided on the review page: nothing was saved or decided."
        )
        if state.current_task_state.status == state.current_task_state.STATUS_IN_PROGRESS:
            return redirect("signoff_review", state.current_task_state.pk)
    else:
        messages.error(request, "Give a reason to cancel a review: nothing was saved or cancelled.")
        return redirect("signoff_cancel", page.pk)
    return redirect("wagtailadmin_pages:edit", page.pk)


class ReviewMenuItem(ActionMenuItem):
    """The approver's main action in the editor: open the review page to approve or request changes."""

    label = "Review and decide"
    icon_name = "tasks"
    order = 0

    def __init__(self, task_state):
        super().__init__()
        self.task_state = task_state

    def is_shown(self, context):
        return True

    def get_url(self, parent_context):
        return reverse("signoff_review", args=[self.task_state.pk])


class CancelReviewMenuItem(ActionMenuItem):
    label = "Cancel the review…"
    icon_name = "error"
    order = 900

    def __init__(self, page):
        super().__init__()
        self.page = page

    def is_shown(self, context):
        return True

    def get_url(self, parent_context):
        return reverse("signoff_cancel", args=[self.page.pk])


class SubmitToWorkflowMenuItem(SubmitForModerationMenuItem):
    """ "Submit to …", naming the workflow the new page will follow (its type's, not its parent's)."""

    def __init__(self, workflow, order):
        super().__init__(order=order)
        self.workflow = workflow

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["label"] = f"Submit to {self.workflow.name}"
        return context


def _relabel_submit_on_create(menu_items, request, context):
    match = request.resolver_match
    model = apps.get_model(match.kwargs["content_type_app_name"], match.kwargs["content_type_model_name"])
    if not issubclass(model, Page) or model.get_workflow is Page.get_workflow:
        return
    workflow = model(title="").get_workflow()
    for position, item in enumerate(menu_items):
        if type(item) is SubmitForModerationMenuItem and workflow is not None:
            menu_items[position] = SubmitToWorkflowMenuItem(workflow, item.order)


@hooks.register("construct_page_action_menu")
def signoff_actions_in_the_editor(menu_items, request, context):
    if context.get("view") == "create":
        _relabel_submit_on_create(menu_items, request, context)
        return
    page = context.get("page")
    state = _current_review(page) if page is not None and page.pk else None
    if state is None:
        return
    menu_items[:] = [
        item
        for item in menu_items
        if not isinstance(item, WorkflowMenuItem | CancelWorkflowMenuItem | RestartWorkflowMenuItem)
    ]
    task_state = page.current_workflow_task_state
    if task_state is not None and task_state.task.specific.get_actions(page, request.user):
        menu_items.insert(0, ReviewMenuItem(task_state))
    if may_cancel(state, request.user):
        menu_items.append(CancelReviewMenuItem(page))


def _refuse_publishing(request, pages):
    """Redirect back with the reasons if any of these pages may not be published as they stand."""
    for page in pages:
        page = page.specific
        if not hasattr(page, "check_going_live") or not hasattr(page, "approval_problems"):
            continue
        if problems := publication_problems(page, page.get_latest_revision()):
            messages.error(
                request, f"“{page.get_admin_display_title()}” cannot be published yet. {' '.join(problems)}"
            )
            return redirect("wagtailadmin_pages:edit", page.pk)
    return None


@hooks.register("before_publish_page")
def check_signoff_before_publishing(request, page):
    return _refuse_publishing(request, [page])


@hooks.register("before_bulk_action")
def check_bulk_actions(request, action_type, objects, action_class_instance):
    if action_type == "publish" and objects and isinstance(objects[0], Page):
        pages = list(objects)
        if request.POST.get("include_descendants"):
            for page in objects:
                pages += list(page.get_descendants())
        if response := _refuse_publishing(request, pages):
            return response
    if action_type == "add_to_collection":
        form = getattr(action_class_instance, "cleaned_form", None)
        collection = form.cleaned_data.get("collection") if form is not None else None
        for document in objects:
            if problem := leaving_privacy_problem(document, collection):
                messages.error(request, problem)
                return redirect(request.get_full_path())
    return None


@hooks.register("before_copy_page")
def copies_of_plans_wait_for_signoff(request, page):
    """A copy is new content: it goes through sign-off like any other, so it is never kept live,
    and an alias (a live mirror of another page) is not possible for an opportunity."""
    if request.method != "POST" or not (request.POST.get("publish_copies") or request.POST.get("alias")):
        return None
    tree = [page, *page.get_descendants()] if request.POST.get("copy_subpages") else [page]
    if any(hasattr(p.specific_class, "approval_problems") for p in tree):
        if request.POST.get("alias"):
            message = "An opportunity cannot be an alias: make a copy, which goes through sign-off."
        else:
            message = "Copies of opportunities are drafts until they are signed off: untick “Publish copies”."
        messages.error(request, message)
        return redirect("wagtailadmin_pages:copy", page.pk)
    return None


class AwaitingSignOffPanel(Component):
    """Dashboard panel: the stages this user can decide, oldest first, with how long each has waited."""

    name = "awaiting_signoff"
    template_name = "workflows/dashboard/awaiting_signoff.html"
    order = 50

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        now = timezone.now()
        rows = []
        for state in waiting_stages(request.user):
            obj = state.revision.content_object.specific_deferred
            rows.append(
                {
                    "title": obj.get_admin_display_title(),
                    "review_url": reverse("signoff_review", args=[state.pk]),
                    "preview_url": reverse(
                        "wagtailadmin_pages:workflow_preview", args=[obj.pk, state.task_id]
                    ),
                    "stage": state.task.name,
                    "workflow": state.workflow_state.workflow.name,
                    "submitted_by": state.workflow_state.requested_by,
                    "started_at": state.started_at,
                    "waited": timesince(state.started_at, now),
                }
            )
        return {"rows": rows, "request": request}


@hooks.register("construct_homepage_panels")
def add_awaiting_signoff_panel(request, panels):
    # Our panel replaces Wagtail's own review list, which shows newest first and no waiting time.
    panels[:] = [p for p in panels if getattr(p, "name", "") != "workflow_objects_to_moderate"]
    if is_approver(request.user):
        panels.append(AwaitingSignOffPanel())


@hooks.register("register_admin_urls")
def register_signoff_urls():
    return [
        path("reports/sign-off-log/", SignOffLogView.as_view(), name="signoff_log"),
        path(
            "reports/sign-off-log/results/",
            SignOffLogView.as_view(results_only=True),
            name="signoff_log_results",
        ),
        path("sign-off/review/<int:task_state_id>/", views.review, name="signoff_review"),
        path("sign-off/decided/<int:decision_id>/", views.decided, name="signoff_decided"),
        path("sign-off/cancel/<int:page_id>/", views.cancel_review, name="signoff_cancel"),
    ]


class SignOffLogMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("workflows.view_signoff_log")


@hooks.register("register_reports_menu_item")
def register_signoff_log_menu_item():
    return SignOffLogMenuItem("Sign-off log", reverse("signoff_log"), icon_name="tasks", order=50)
