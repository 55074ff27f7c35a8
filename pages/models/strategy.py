"""The engagement strategy: aims, objectives, principles and an action plan the public can follow."""

from collections import Counter

from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from pages.blocks import SIMPLE_RICH_TEXT
from pages.models.base import BasePage


class StrategyStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    CURRENT = "current", "Current"
    SUPERSEDED = "superseded", "Superseded"


class ActionPlanStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    ON_TRACK = "on_track", "On track"
    AT_RISK = "at_risk", "At risk"
    OFF_TRACK = "off_track", "Off track"
    COMPLETE = "complete", "Complete"


class StrategyPage(BasePage):
    """An engagement strategy for a period, with its objectives and action plan."""

    period = models.CharField(max_length=20, help_text="The years it covers, e.g. '2017–2020'.")
    status = models.CharField(
        max_length=20,
        choices=StrategyStatus.choices,
        default=StrategyStatus.CURRENT,
        help_text="Superseded strategies stay published for the record, with a notice.",
    )
    review_date = models.DateField(
        null=True, blank=True, help_text="When the strategy will next be reviewed."
    )
    summary = RichTextField(
        features=SIMPLE_RICH_TEXT,
        blank=True,
        help_text="What the strategy is for, in a short paragraph or two.",
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The full strategy, to download.",
    )

    parent_page_types = ["pages.HomePage"]
    subpage_types = []

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("summary"),
        index.RelatedFields("objectives", [index.SearchField("objective")]),
        index.RelatedFields("actions", [index.SearchField("action"), index.SearchField("theme")]),
    ]
    api_fields = [
        APIField("period"),
        APIField("status"),
        APIField("review_date"),
        APIField("summary"),
        APIField("aims"),
        APIField("objectives"),
        APIField("principles"),
        APIField("actions"),
        *BasePage.api_fields,
    ]

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("period"), FieldPanel("status"), FieldPanel("review_date")])],
            heading="Period and status",
        ),
        FieldPanel("intro"),
        FieldPanel("summary"),
        FieldPanel("document"),
        FieldPanel("body"),
    ]
    aims_panels = [
        InlinePanel("aims", heading="Aims", label="Aim"),
        InlinePanel("objectives", heading="Objectives", label="Objective"),
        InlinePanel(
            "principles",
            heading="Principles and commitments",
            label="Principle",
            help_text="The promises the organisation makes about how it will involve people.",
        ),
    ]
    action_plan_panels = [
        InlinePanel(
            "actions",
            heading="Action plan",
            label="Action",
            help_text="Keep each action's status and progress note up to date: the public "
            "page shows them as a table grouped by theme.",
        ),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading="Strategy"),
            ObjectList(aims_panels, heading="Aims and objectives"),
            ObjectList(action_plan_panels, heading="Action plan"),
            ObjectList(BasePage.promote_panels, heading="Promote"),
            ObjectList(BasePage.settings_panels, heading="Settings"),
        ]
    )

    class Meta:
        verbose_name = "engagement strategy"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        actions = list(self.actions.all())  # read once for the summary and the table
        context.update(
            aims=list(self.aims.all()),
            objectives=list(self.objectives.all()),
            principles=list(self.principles.all()),
            status_counts=self.action_status_counts(actions),
            actions_by_theme=self.actions_by_theme(actions),
        )
        return context

    def action_status_counts(self, actions=None):
        """(status, label, count) for every status, in plan order, for the summary at the top."""
        counts = Counter(action.status for action in (self.actions.all() if actions is None else actions))
        return [(code, label, counts.get(code, 0)) for code, label in ActionPlanStatus.choices]

    def actions_by_theme(self, actions=None):
        """[(theme, [actions])] keeping the order editors gave the themes."""
        themes = {}
        for action in self.actions.all() if actions is None else actions:
            themes.setdefault(action.theme, []).append(action)
        return list(themes.items())


class StrategyAim(Orderable):
    """One aim of a strategy; listed near the top of the strategy page."""

    page = ParentalKey(StrategyPage, on_delete=models.CASCADE, related_name="aims")
    aim = models.CharField(max_length=255)
    description = models.TextField(blank=True)

    panels = [FieldPanel("aim"), FieldPanel("description")]
    api_fields = [APIField("aim"), APIField("description")]

    def __str__(self):
        return self.aim


class StrategyObjective(Orderable):
    """An objective with how it will be achieved and the expected outcome; a row on the strategy page."""

    page = ParentalKey(StrategyPage, on_delete=models.CASCADE, related_name="objectives")
    objective = models.TextField()
    how_achieved = RichTextField("how it will be achieved", features=SIMPLE_RICH_TEXT, blank=True)
    expected_outcomes = RichTextField(features=SIMPLE_RICH_TEXT, blank=True)

    panels = [FieldPanel("objective"), FieldPanel("how_achieved"), FieldPanel("expected_outcomes")]
    api_fields = [APIField("objective"), APIField("how_achieved"), APIField("expected_outcomes")]

    def __str__(self):
        return self.objective


class StrategyPrinciple(Orderable):
    """A principle or charter commitment; listed on the strategy page."""

    page = ParentalKey(StrategyPage, on_delete=models.CASCADE, related_name="principles")
    title = models.CharField(max_length=255)
    description = models.TextField(blank=True)

    panels = [FieldPanel("title"), FieldPanel("description")]
    api_fields = [APIField("title"), APIField("description")]

    def __str__(self):
        return self.title


class StrategyAction(Orderable):
    """One action of the plan with its lead, timing, measure and progress; a table row."""

    page = ParentalKey(StrategyPage, on_delete=models.CASCADE, related_name="actions")
    theme = models.CharField(max_length=100, help_text="Actions are grouped by theme on the page.")
    action = models.TextField()
    lead = models.CharField(max_length=150, help_text="A role, never a named person.")
    due_date = models.DateField(null=True, blank=True)
    timing = models.CharField(
        max_length=100, blank=True, help_text="If there is no single date: 'Monthly', 'Ongoing'…"
    )
    measure = models.TextField("measure and evidence", blank=True)
    status = models.CharField(
        max_length=20, choices=ActionPlanStatus.choices, default=ActionPlanStatus.NOT_STARTED
    )
    progress_note = models.TextField(blank=True, help_text="What has happened so far, for the public.")

    panels = [
        FieldPanel("theme"),
        FieldPanel("action"),
        FieldPanel("lead"),
        FieldRowPanel([FieldPanel("due_date"), FieldPanel("timing")]),
        FieldPanel("measure"),
        FieldPanel("status"),
        FieldPanel("progress_note"),
    ]
    api_fields = [
        APIField("theme"),
        APIField("action"),
        APIField("lead"),
        APIField("due_date"),
        APIField("timing"),
        APIField("measure"),
        APIField("status"),
        APIField("progress_note"),
    ]

    def __str__(self):
        return self.action

    @property
    def when(self):
        """Due date or timing text, whichever the editor gave."""
        return self.due_date or self.timing
