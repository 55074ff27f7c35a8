"""What every public page type shares: an introduction, the body stream, preview and search."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from pages.blocks import BodyBlock
from pages.privacy import PublicPageManager, view_restrictions_of


class BasePage(Page):
    """Abstract parent of the public page types: a plain-text lead paragraph and a body."""

    intro = models.TextField(
        blank=True,
        help_text="One or two sentences under the title, in plain English. "
        "Also used as the summary in search results.",
    )
    body = StreamField(BodyBlock(), blank=True)

    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    api_fields = [APIField("intro"), APIField("body")]

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]

    objects = PublicPageManager()

    class Meta:
        abstract = True

    def get_view_restrictions(self):
        # Read once per public request (pages/privacy.py) rather than twice per page served.
        restrictions = view_restrictions_of(self)
        return super().get_view_restrictions() if restrictions is None else restrictions

    @property
    def summary_text(self):
        """The sentence shown for this page in listings and search results."""
        return self.search_description or self.intro
