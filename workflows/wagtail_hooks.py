"""Admin integration for sign-off: history entries, re-planning, the dashboard queue, the log."""

from django.contrib import messages
from django.urls import path, reverse
from django.utils import timezone
from django.utils.timesince import timesince
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.log_actions import LogFormatter

from workflows.reports import SignOffLogView
from workflows.signoff import is_approver, replan, waiting_stages


@hooks.register("register_log_actions")
def register_signoff_log_actions(actions):
    @actions.register_action("workflows.stage_skipped")
    class StageSkipped(LogFormatter):
        label = "Sign-off stage skipped"

        def format_message(self, log_entry):
            return f"Sign-off stage skipped: {log_entry.data.get('stage', '')}"

        def format_comment(self, log_entry):
            return log_entry.data.get("reason", "")


@hooks.register("after_edit_page")
def replan_after_edit(request, page):
    if reason := replan(page, user=request.user):
        messages.info(request, f"The sign-off stages were worked out again. {reason}")


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
                    "edit_url": reverse("wagtailadmin_pages:edit", args=[obj.pk]),
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
def register_signoff_log_urls():
    return [
        path("reports/sign-off-log/", SignOffLogView.as_view(), name="signoff_log"),
        path(
            "reports/sign-off-log/results/",
            SignOffLogView.as_view(results_only=True),
            name="signoff_log_results",
        ),
    ]


class SignOffLogMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("workflows.view_signoff_log")


@hooks.register("register_reports_menu_item")
def register_signoff_log_menu_item():
    return SignOffLogMenuItem("Sign-off log", reverse("signoff_log"), icon_name="tasks", order=50)
