"""Responses in the admin, for the Engagement team (questionnaires/admin_views.py): Reports →
Questionnaire responses, "Responses" on each opportunity's header and listing menus, the admin
addresses and the audit log's actions."""

from django.urls import path, reverse
from wagtail import hooks

from involvement.permissions import in_engagement_team
from pages.admin_buttons import StaffMenuItem, register_opportunity_button
from questionnaires import admin_views


@hooks.register("register_admin_urls")
def register_responses_urls():
    return [
        path(
            "questionnaires/", admin_views.opportunities_with_responses, name="questionnaires_opportunities"
        ),
        path(
            "questionnaires/<int:page_id>/responses/",
            admin_views.responses_index,
            name="questionnaires_responses",
        ),
        path(
            "questionnaires/<int:page_id>/responses/export/",
            admin_views.export_responses,
            name="questionnaires_export",
        ),
        path(
            "questionnaires/<int:page_id>/responses/add/",
            admin_views.enter_response,
            name="questionnaires_enter",
        ),
        path(
            "questionnaires/responses/<int:pk>/", admin_views.response_detail, name="questionnaires_response"
        ),
        path(
            "questionnaires/responses/<int:pk>/mark/",
            admin_views.mark_response,
            name="questionnaires_mark",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_responses_menu_item():
    return StaffMenuItem(
        "Questionnaire responses",
        reverse("questionnaires_opportunities"),
        icon_name="form",
        order=850,
        shown_to=in_engagement_team,
    )


ResponsesButton = register_opportunity_button(
    label="Responses",
    icon_name="form",
    url_name="questionnaires_responses",
    priority=85,
    shown_to=lambda user, page: in_engagement_team(user),
)


@hooks.register("register_log_actions")
def register_questionnaire_log_actions(actions):
    actions.register_action("questionnaires.list", "List the responses", "Responses listed")
    actions.register_action("questionnaires.export", "Export the responses", "Responses exported")
    actions.register_action("questionnaires.view", "View a response", "Response viewed")
    actions.register_action("questionnaires.mark", "Mark a response", "Response status changed")
    actions.register_action("questionnaires.enter", "Enter a response", "Response entered by staff")
    actions.register_action(
        "questionnaires.redact",
        "Remove a response's free text",
        "Response's free text and contact details removed",
    )
