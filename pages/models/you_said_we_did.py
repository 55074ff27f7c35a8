"""'You said, We did': what people told us, what changed, and the index that lists them."""

from functools import partial

from django import forms
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from pages.blocks import SIMPLE_RICH_TEXT
from pages.listing import FilteredListingMixin
from pages.models.base import BasePage
from pages.models.snippets import Topic
from pages.outcome_themes import OutcomeForm, theme_figures


class FeedbackSource(models.TextChoices):
    CONSULTATION = "consultation", "Consultation"
    SURVEY = "survey", "Survey"
    PPG = "ppg", "Patient participation group"
    FFT = "fft", "Friends and Family Test"
    COMPLAINTS = "complaints_pals", "Complaints and PALS"
    HEALTHWATCH = "healthwatch", "Healthwatch"
    PATIENT_STORY = "patient_story", "Patient story"


class ActionStatus(models.TextChoices):
    DONE = "done", "Done"
    IN_PROGRESS = "in_progress", "In progress"
    PLANNED = "planned", "Planned"


class YouSaidWeDidPage(BasePage):
    """One piece of feedback and what changed because of it; may answer an opportunity."""

    # Offers the site's own count of who took part (pages/participation.py) and the coded themes
    # (pages/outcome_themes.py).
    base_form_class = OutcomeForm

    you_said = RichTextField(
        "what people told us",
        features=SIMPLE_RICH_TEXT,
        help_text="A fair summary of what people said, including views we did not act on.",
    )
    we_did_summary = models.TextField(
        "what changed, in brief",
        help_text="One or two sentences on what we did. Shown in listings and on the "
        "opportunity this answers.",
    )
    source = models.CharField(
        "where it came from",
        max_length=30,
        choices=FeedbackSource.choices,
        default=FeedbackSource.SURVEY,
    )
    participants = models.PositiveIntegerField(
        "people who took part",
        null=True,
        blank=True,
        help_text="How many people responded or took part, if known.",
    )
    date = models.DateField(default=timezone.localdate, help_text="When the outcome was agreed or published.")
    topics = ParentalManyToManyField(Topic, blank=True, related_name="outcomes")
    opportunity = models.ForeignKey(
        "pages.OpportunityPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="outcomes",
        help_text="The consultation, survey or event this answers. Once this page is live, "
        "the opportunity shows 'outcome published' and links here.",
    )

    outcome_themes = models.JSONField(
        "themes to show with their counts",
        default=list,
        blank=True,
        help_text="Theme ids from the opportunity's coding frame; the page shows their counts.",
    )

    parent_page_types = ["pages.YouSaidWeDidIndexPage"]
    subpage_types = []

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("you_said"),
        index.SearchField("we_did_summary"),
        index.FilterField("date"),
        index.RelatedFields("topics", [index.SearchField("name")]),
    ]
    api_fields = [
        APIField("you_said"),
        APIField("we_did_summary"),
        APIField("source"),
        APIField("participants"),
        APIField("date"),
        APIField("topics"),
        APIField("actions"),
        *BasePage.api_fields,
    ]

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("source"), FieldPanel("participants")]),
                FieldPanel("date"),
                PageChooserPanel("opportunity", "pages.OpportunityPage"),
            ],
            heading="Where this came from",
        ),
        FieldPanel("you_said"),
        FieldPanel("we_did_summary"),
        FieldPanel("outcome_themes", heading="What people raised"),
        InlinePanel("actions", heading="What we did", label="Action", min_num=1),
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
    ]

    class Meta:
        verbose_name = "'You said, We did' item"

    @property
    def summary_text(self):
        return self.we_did_summary or super().summary_text

    def theme_figures(self):
        """The chosen themes with their counts from the analysis, suppressed (pages/outcome_themes.py)."""
        return theme_figures(self.opportunity, self.outcome_themes)


class YouSaidWeDidAction(Orderable):
    """One thing done in response; listed on its 'You said, We did' page."""

    page = ParentalKey(YouSaidWeDidPage, on_delete=models.CASCADE, related_name="actions")
    action = models.TextField(help_text="What we did or will do, in one or two sentences.")
    status = models.CharField(max_length=20, choices=ActionStatus.choices, default=ActionStatus.DONE)

    panels = [FieldPanel("action"), FieldPanel("status")]
    api_fields = [APIField("action"), APIField("status")]

    def __str__(self):
        return self.action


class YouSaidWeDidFilterForm(forms.Form):
    """Topic and year filters on the 'You said, We did' index."""

    topic = forms.ModelMultipleChoiceField(
        queryset=Topic.objects.all(),
        to_field_name="slug",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    year = forms.TypedChoiceField(choices=[], coerce=int, required=False, empty_value=None)

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", "Any year")] + [(y, str(y)) for y in years]


class YouSaidWeDidIndexPage(FilteredListingMixin, BasePage):
    """Lists 'You said, We did' items, newest first, filtered by topic and year."""

    parent_page_types = ["pages.HomePage"]
    subpage_types = ["pages.YouSaidWeDidPage"]

    class Meta:
        verbose_name = "'You said, We did' index"

    def listing_items(self):
        return (
            YouSaidWeDidPage.objects.live()
            .public()
            .child_of(self)
            .defer_streamfields()
            .order_by("-date", "title")
        )

    def filter_form(self, items):
        # Only years that have items are offered.
        years = sorted({d.year for d in items.dates("date", "year")}, reverse=True)
        return partial(YouSaidWeDidFilterForm, years=years)

    def filter_items(self, items, filters, form):
        if filters.get("topic"):
            items = items.filter(topics__in=filters["topic"]).distinct()
        if filters.get("year"):
            items = items.filter(date__year=filters["year"])
        return items  # cards show only the item's own fields
