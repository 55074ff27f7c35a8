"""Admin registration for the shared vocabularies."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from pages.models import Audience, Topic


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    menu_label = "Topics"
    list_display = ["name", "slug", "description"]
    search_fields = ["name"]


class AudienceViewSet(SnippetViewSet):
    model = Audience
    icon = "group"
    menu_label = "Audiences"
    list_display = ["name", "slug", "description"]
    search_fields = ["name"]


class VocabularyGroup(SnippetViewSetGroup):
    items = (TopicViewSet, AudienceViewSet)
    menu_icon = "tag"
    menu_label = "Topics and audiences"
    menu_name = "vocabularies"
    menu_order = 300


register_snippet(VocabularyGroup)
