"""'Who we heard from' in the admin: its address, the button on each opportunity, the log action."""

from django.urls import path
from wagtail import hooks

from involvement.permissions import in_engagement_team
from pages.admin_buttons import register_opportunity_button
from reach import admin_views


@hooks.register("register_admin_urls")
def register_reach_urls():
    return [path("reach/<int:page_id>/", admin_views.reach_view, name="reach_opportunity")]


ReachButton = register_opportunity_button(
    label="Who we heard from",
    icon_name="group",
    url_name="reach_opportunity",
    shown_to=lambda user, page: in_engagement_team(user),
    priority=86,
)


@hooks.register("register_log_actions")
def register_reach_log_actions(actions):
    actions.register_action("reach.view", "See who we heard from", "Reach table viewed")
