"""Admin integration: the "Feedback overdue" report under Reports."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from reporting.reports import FeedbackOverdueView, user_can_see_report


@hooks.register("register_admin_urls")
def register_feedback_overdue_urls():
    return [
        path("reports/feedback-overdue/", FeedbackOverdueView.as_view(), name="reporting_feedback_overdue"),
        path(
            "reports/feedback-overdue/results/",
            FeedbackOverdueView.as_view(results_only=True),
            name="reporting_feedback_overdue_results",
        ),
    ]


class FeedbackOverdueMenuItem(MenuItem):
    def is_shown(self, request):
        return user_can_see_report(request.user)


@hooks.register("register_reports_menu_item")
def register_feedback_overdue_menu_item():
    return FeedbackOverdueMenuItem(
        "Feedback overdue",
        reverse("reporting_feedback_overdue"),
        name="feedback-overdue",
        icon_name="warning",
        order=60,
    )
