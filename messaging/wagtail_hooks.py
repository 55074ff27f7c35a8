"""The outbox in the admin: Reports → Outbox, for the Engagement team (messaging/admin_views.py)."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views


@hooks.register("register_admin_urls")
def register_outbox_urls():
    return [
        path("outbox/", admin_views.outbox_index, name="messaging_outbox"),
        path("outbox/<int:pk>/", admin_views.message_detail, name="messaging_outbox_message"),
        path("outbox/<int:pk>/retry/", admin_views.retry_message, name="messaging_outbox_retry"),
    ]


class OutboxMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.in_engagement_team(request.user)


@hooks.register("register_reports_menu_item")
def register_outbox_menu_item():
    return OutboxMenuItem("Outbox", reverse("messaging_outbox"), icon_name="mail", order=900)


@hooks.register("register_log_actions")
def register_outbox_log_actions(actions):
    actions.register_action("messaging.list", "List the outbox", "Outbox listed")
    actions.register_action("messaging.view", "View a message", "Message viewed")
    actions.register_action("messaging.retry", "Send a failed message again", "Message queued again")
