"""The analysis in the admin, for the Engagement team: Reports → Response analysis, "Analysis" on each
opportunity's header and listing menus, the views' addresses and the audit log's actions."""

from django.urls import path, reverse
from wagtail import hooks

from analysis import coding_views, similar_views, views
from analysis.coding import LOG_ACTIONS
from involvement.permissions import in_engagement_team
from pages.admin_buttons import StaffMenuItem, register_opportunity_button


@hooks.register("register_admin_urls")
def register_analysis_urls():
    one = "analysis/<int:page_id>/"
    return [
        path("analysis/", views.analysis_index, name="analysis_index"),
        path(one, views.analysis_view, name="analysis_view"),
        path(f"{one}export/<slug:kind>/", views.analysis_export, name="analysis_export"),
        path(f"{one}coding/", coding_views.coding_view, name="analysis_coding"),
        path(f"{one}themes/add/", coding_views.add_theme, name="analysis_add_theme"),
        path(f"{one}similar/", similar_views.clusters_view, name="analysis_similar"),
        path(f"{one}similar/find/", similar_views.find_view, name="analysis_find_similar"),
        path("analysis/similar/<int:pk>/decide/", similar_views.decide_view, name="analysis_decide"),
        path("analysis/responses/<int:pk>/", coding_views.response_analysis, name="analysis_response"),
        path(
            "analysis/responses/<int:pk>/change/",
            coding_views.response_change,
            name="analysis_response_change",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_analysis_menu_item():
    return StaffMenuItem(
        "Response analysis",
        reverse("analysis_index"),
        icon_name="table",
        order=860,
        shown_to=in_engagement_team,
    )


register_opportunity_button(
    "Analysis", "table", "analysis_view", lambda user, page: in_engagement_team(user), priority=86
)


@hooks.register("register_log_actions")
def register_analysis_log_actions(actions):
    for action, (label, message) in LOG_ACTIONS.items():
        actions.register_action(action, label, message)
