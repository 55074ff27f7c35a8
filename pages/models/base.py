"""What every public page type shares: an introduction, the body stream, preview and search."""

from django.db import models, transaction
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from pages.blocks import BodyBlock
from pages.privacy import PublicPageManager, view_restrictions_of

# The fields that say whether and what a page shows the public. Only publishing and unpublishing
# change them; see BasePage.save.
PUBLICATION_FIELDS = (
    "live",
    "live_revision_id",
    "has_unpublished_changes",
    "first_published_at",
    "last_published_at",
    "expired",
)


class BasePage(Page):
    """Abstract parent of the public page types: a plain-text lead paragraph and a body.

    Saving a page never undoes a publication it did not make. An editor's form, loaded before an
    approval published the page and saved (or autosaved) after it, would otherwise write back the
    live flag and live revision it loaded, leaving a signed-off page offline or showing an older
    version. So each instance remembers its publication fields as loaded; a save that did not
    change them takes the database's current values instead, under a row lock, and a save that
    makes the page live (or changes what is live) is first checked by `check_going_live`.
    """

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

    # Publication state ------------------------------------------------------

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance.remember_publication_state()
        return instance

    def with_content_json(self, content):
        obj = super().with_content_json(content)
        obj.remember_publication_state()
        return obj

    def refresh_from_db(self, *args, **kwargs):
        super().refresh_from_db(*args, **kwargs)
        self.remember_publication_state()

    def remember_publication_state(self):
        loaded = self.__dict__
        self._publication_loaded = {name: loaded[name] for name in PUBLICATION_FIELDS if name in loaded}

    def check_going_live(self, revision):
        """Called before a save makes this page live or changes its live revision; raise to refuse."""

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and not {name.removesuffix("_id") for name in update_fields} & {
            name.removesuffix("_id") for name in PUBLICATION_FIELDS
        }:
            return super().save(*args, **kwargs)
        if self.pk is None:
            if self.live:
                self.check_going_live(self.live_revision)
            return super().save(*args, **kwargs)
        with transaction.atomic():
            current = (
                Page._base_manager.select_for_update().filter(pk=self.pk).values(*PUBLICATION_FIELDS).first()
            )
            loaded = getattr(self, "_publication_loaded", None)
            if current is not None and loaded is not None and len(loaded) == len(PUBLICATION_FIELDS):
                if all(getattr(self, name) == loaded[name] for name in PUBLICATION_FIELDS):
                    # Not a publication: keep whatever is live now.
                    for name in PUBLICATION_FIELDS:
                        setattr(self, name, current[name])
            if (
                current is not None
                and self.live
                and (not current["live"] or self.live_revision_id != current["live_revision_id"])
            ):
                self.check_going_live(self.live_revision)
            result = super().save(*args, **kwargs)
        self.remember_publication_state()
        return result

    def get_view_restrictions(self):
        # Read once per public request (pages/privacy.py) rather than twice per page served.
        restrictions = view_restrictions_of(self)
        return super().get_view_restrictions() if restrictions is None else restrictions

    @property
    def summary_text(self):
        """The sentence shown for this page in listings and search results."""
        return self.search_description or self.intro
