"""Published responses in the admin: the moderation queue's addresses and its button on each
opportunity, the publication snippet (under Editorial review, never published by hand) and the
audit log's actions."""

from django.shortcuts import redirect
from django.urls import path
from wagtail import hooks
from wagtail.admin import messages
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from published_responses import admin_views
from published_responses.approval import NOT_APPROVED
from published_responses.models import ResponsePublication
from questionnaires.wagtail_hooks import ResponsesButton


@hooks.register("register_admin_urls")
def register_moderation_urls():
    return [
        path("published-responses/<int:page_id>/", admin_views.queue, name="published_responses_queue"),
        path(
            "published-responses/<int:page_id>/submit/",
            admin_views.submit,
            name="published_responses_submit",
        ),
        path(
            "published-responses/<int:page_id>/<int:response_id>/decide/",
            admin_views.decide,
            name="published_responses_decide",
        ),
        path(
            "published-responses/<int:page_id>/<int:response_id>/redact/",
            admin_views.redact,
            name="published_responses_redact",
        ),
    ]


class ModerationButton(ResponsesButton):
    """'Responses to publish' on an opportunity's header menu, for the Engagement team (the same
    rule as its Responses button)."""

    label = "Responses to publish"
    icon_name = "comment"
    url_name = "published_responses_queue"


@hooks.register("register_page_header_buttons")
def moderation_header_button(page, user, view_name, next_url=None):
    yield ModerationButton(page=page, priority=86)


class ResponsePublicationViewSet(SnippetViewSet):
    model = ResponsePublication
    icon = "comment"
    menu_label = "Published responses"
    list_display = ["title", "opportunity"]
    add_to_admin_menu = False


register_snippet(ResponsePublicationViewSet)


@hooks.register("before_edit_snippet")
def refuse_publishing_by_hand(request, instance):
    """The publish button is for the workflow's approval only: nobody publishes a version by hand."""
    if (
        isinstance(instance, ResponsePublication)
        and request.method == "POST"
        and "action-publish" in request.POST
    ):
        messages.error(request, NOT_APPROVED)
        return redirect("wagtailsnippets_published_responses_responsepublication:edit", instance.pk)
    return None


@hooks.register("register_log_actions")
def register_moderation_log_actions(actions):
    actions.register_action("published_responses.publish", "Publish a response", "Response to be published")
    actions.register_action(
        "published_responses.decline", "Decline a response", "Response declined for publishing"
    )
    actions.register_action("published_responses.redact", "Redact a response", "Part of a response redacted")
