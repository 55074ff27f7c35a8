"""Topics and audiences: the shared vocabularies that tag opportunities and outcomes."""

from django.db import models
from django.utils.text import slugify
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class Vocabulary(index.Indexed, models.Model):
    """A named term with a slug for filter addresses; the base of Topic and Audience."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True, blank=True)
    description = models.CharField(
        max_length=255, blank=True, help_text="Optional. Helps editors choose the right term."
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)[:100]
        super().save(*args, **kwargs)


class Topic(Vocabulary):
    """A service area (urgent care, maternity…); filters opportunities and outcomes."""

    class Meta(Vocabulary.Meta):
        verbose_name = "topic"


class Audience(Vocabulary):
    """A group of people an opportunity is for (carers, young people…); filters opportunities."""

    class Meta(Vocabulary.Meta):
        verbose_name = "audience"
