"""Opportunities to get involved, and the index that lists and filters them."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Page, PageManager
from wagtail.search import index

from core.model_fields import ChoiceListField
from pages.admin_forms import OpportunityEditForm
from pages.blocks import SIMPLE_RICH_TEXT
from pages.extensions import opportunity_panels
from pages.listing import FilteredListingMixin
from pages.models.base import BasePage
from pages.models.questionnaire import QuestionnaireMixin
from pages.models.sessions import EventBooking
from pages.models.snippets import Audience, Topic
from pages.privacy import PublicPageQuerySet
from pages.status import (
    Status,
    outcome_due,
    status_annotations,
    status_of,
    status_sentence,
    still_open_q,
    upcoming_q,
)
from workflows.plan import ConsultationPlan
from workflows.publication import require_signoff
from workflows.signoff import after_revision_saved, consultation_workflow


class OpportunityType(models.TextChoices):
    CONSULTATION = "consultation", "Consultation"
    SURVEY = "survey", "Survey"
    EVENT = "event", "Event"
    FOCUS_GROUP = "focus_group", "Focus group or workshop"
    CAFE = "involvement_cafe", "Involvement café"
    PANEL = "panel", "Panel or reference group"
    VOLUNTEER = "volunteer_role", "Volunteer role"


class Level(models.TextChoices):
    INFORM = "inform", "Inform"
    ENGAGE = "engage", "Engage"
    CONSULT = "consult", "Consult"


# What each level means, in the words the public sees beside every opportunity.
LEVEL_EXPLANATIONS = {
    Level.INFORM: "We are telling you about a decision or a change. "
    "You can ask questions, but we are not asking you to shape it.",
    Level.ENGAGE: "We are asking for your views and experiences to help shape "
    "a service before decisions are made.",
    Level.CONSULT: "This is a formal public consultation on a proposed change. "
    "We must consider what you tell us before we decide.",
}


ALTERNATIVE_FORMATS = [
    ("easy_read", "Easy read"),
    ("large_print", "Large print"),
    ("bsl", "British Sign Language"),
    ("other_languages", "Other languages"),
    ("paper", "Paper copy"),
]


class OpportunityQuerySet(PublicPageQuerySet):
    """Adds the derived public status, so listings can filter and sort in the database.

    Each annotation is written from the dates and the outcome check directly rather than from
    `status`, and filters by status become plain date conditions: the SQL stays short to build
    and lets the database skip the outcome check for opportunities that have not closed.
    """

    @staticmethod
    def _has_outcome():
        from pages.models.you_said_we_did import YouSaidWeDidPage

        return Exists(YouSaidWeDidPage.objects.live().public().filter(opportunity=OuterRef("pk")))

    def with_status(self, today=None, *, past=True):
        """Annotate `status`, `status_rank` and `soonest` (pages/status.py).

        With past=False the caller has already kept only upcoming and open ones, so the outcome
        check is left out of the SQL.
        """
        today = today or timezone.localdate()
        return self.annotate(**status_annotations(today, self._has_outcome() if past else None))

    def in_public_order(self):
        return self.order_by(
            "status_rank",
            F("soonest").asc(nulls_last=True),
            F("closes").desc(nulls_last=True),
            "title",
        )

    def with_status_in(self, statuses, today=None):
        """Those with one of `statuses`, in public order; the filter is on the dates themselves."""
        today = today or timezone.localdate()
        upcoming, open_ = upcoming_q(today), still_open_q(today)
        past = ~upcoming & Q(closes__lt=today)
        chosen = {str(status) for status in statuses}
        conditions = []
        if Status.UPCOMING.value in chosen:
            conditions.append(upcoming)
        if Status.OPEN.value in chosen:
            conditions.append(~upcoming & open_)
        closed, answered = Status.CLOSED.value in chosen, Status.OUTCOME_PUBLISHED.value in chosen
        if closed and answered:
            conditions.append(past)  # every past one: no need to look for outcomes
        elif closed:
            conditions.append(past & ~self._has_outcome())
        elif answered:
            conditions.append(past & self._has_outcome())
        if not conditions:
            return self.none()
        condition = conditions[0]
        for other in conditions[1:]:
            condition |= other
        return self.with_status(today, past=closed or answered).filter(condition).in_public_order()


OpportunityManager = PageManager.from_queryset(OpportunityQuerySet)


class OpportunityPage(QuestionnaireMixin, ConsultationPlan, EventBooking, BasePage):
    """One way to get involved: a consultation, survey, event, group or role; public page and plan."""

    opportunity_type = models.CharField(
        "type", max_length=30, choices=OpportunityType.choices, default=OpportunityType.SURVEY
    )
    level = models.CharField(
        "level of involvement",
        max_length=10,
        choices=Level.choices,
        default=Level.ENGAGE,
        help_text="Be honest: inform if the decision is made, engage to shape it, consult only "
        "for a formal public consultation on a proposed change.",
    )
    summary = models.TextField(
        "public summary",
        blank=True,
        help_text="What this is about and why it matters, in two or three plain sentences. "
        "Shown in listings, feeds and search results.",
    )
    topics = ParentalManyToManyField(Topic, blank=True, related_name="opportunities")
    audiences = ParentalManyToManyField(
        Audience,
        blank=True,
        related_name="opportunities",
        help_text="Who we particularly want to hear from. Leave empty if it is for everyone.",
    )
    opens = models.DateField(default=datetime.date.today, help_text="The first day people can take part.")
    closes = models.DateField(
        null=True,
        blank=True,
        help_text="The last day people can take part. Leave empty for something ongoing, "
        "such as a panel that is always recruiting.",
    )
    outcome_expected = models.DateField(
        "outcome expected by",
        null=True,
        blank=True,
        help_text="When we will say what happened. Left empty, it is 12 weeks after closing.",
    )
    event_start = models.DateTimeField(
        null=True, blank=True, help_text="For events and meetings: when it starts."
    )
    event_end = models.DateTimeField(null=True, blank=True, help_text="When it finishes.")
    location = models.TextField(
        "place", blank=True, help_text="Venue and address, with anything about getting there."
    )
    online_link = models.URLField(
        "online link", blank=True, help_text="Address of the online meeting or survey."
    )
    how_to_take_part = RichTextField(
        features=SIMPLE_RICH_TEXT,
        blank=True,
        help_text="Exactly what people need to do, step by step.",
    )
    alternative_formats = ChoiceListField(
        item_choices=ALTERNATIVE_FORMATS,
        help_text="Formats the information is available in, on request.",
    )
    alternative_formats_how = models.TextField(
        "how to ask for another format",
        blank=True,
        help_text="For example: 'Call 01234 567890 or email us and we will post a copy within 5 days.'",
    )
    contact_name = models.CharField(max_length=100, blank=True, help_text="A team or role, not a person.")
    contact_email = models.EmailField(blank=True)
    contact_phone = models.CharField(max_length=40, blank=True)
    is_service_change = models.BooleanField(
        "about a change to a service",
        default=False,
        help_text="Tick if this asks people about changing how, where or whether a service is "
        "provided. It then needs a consultation plan and sign-off.",
    )

    objects = OpportunityManager()
    base_form_class = OpportunityEditForm

    parent_page_types = ["pages.OpportunityIndexPage"]
    subpage_types = []

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("summary"),
        index.SearchField("how_to_take_part"),
        index.FilterField("opportunity_type"),
        index.FilterField("level"),
        index.FilterField("opens"),
        index.FilterField("closes"),
        index.RelatedFields("topics", [index.SearchField("name")]),
    ]
    api_fields = [
        APIField("opportunity_type"),
        APIField("level"),
        APIField("summary"),
        APIField("opens"),
        APIField("closes"),
        APIField("public_status"),
        APIField("outcome_due"),
        APIField("event_start"),
        APIField("event_end"),
        APIField("location"),
        APIField("online_link"),
        APIField("how_to_take_part"),
        APIField("topics"),
        APIField("audiences"),
        *BasePage.api_fields,
    ]

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("opportunity_type"), FieldPanel("level")]),
                FieldPanel("is_service_change"),
            ],
            heading="What kind of opportunity",
        ),
        FieldPanel("summary"),
        FieldPanel("intro"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
                FieldPanel("audiences", widget=forms.CheckboxSelectMultiple),
            ],
            heading="Who and what it is about",
        ),
    ]
    taking_part_panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("opens"), FieldPanel("closes")]),
                FieldPanel("outcome_expected"),
            ],
            heading="Dates",
            help_text="The public status (upcoming, open, closed, outcome published) follows from "
            "these dates; it is never set by hand.",
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("event_start"), FieldPanel("event_end")]),
                FieldPanel("location"),
                FieldPanel("online_link"),
            ],
            heading="Event time and place",
            help_text="Only for events, meetings, focus groups and cafés.",
        ),
        FieldPanel("how_to_take_part"),
        MultiFieldPanel(
            [FieldPanel("alternative_formats"), FieldPanel("alternative_formats_how")],
            heading="Other formats",
        ),
        MultiFieldPanel(
            [
                FieldPanel("contact_name"),
                FieldRowPanel([FieldPanel("contact_email"), FieldPanel("contact_phone")]),
            ],
            heading="Contact",
        ),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading="Public content"),
            ObjectList(taking_part_panels, heading="Taking part"),
            ObjectList(QuestionnaireMixin.questionnaire_panels, heading="Questionnaire"),
            ObjectList(EventBooking.booking_panels, heading="Sessions and booking"),
            ObjectList(ConsultationPlan.plan_panels, heading="Consultation plan (internal)"),
            ObjectList(BasePage.promote_panels, heading="Promote"),
            ObjectList(BasePage.settings_panels, heading="Settings"),
        ]
    )

    class Meta:
        verbose_name = "opportunity"
        verbose_name_plural = "opportunities"

    # Sign-off -------------------------------------------------------------------

    def get_workflow(self):
        """Consultation sign-off, wherever the opportunity sits: the page type decides, not the place."""
        return consultation_workflow()

    @property
    def has_workflow(self):
        return self.get_workflow() is not None

    def publish(self, revision, user=None, **kwargs):
        require_signoff(self, revision, user=user)
        return super().publish(revision, user=user, **kwargs)

    def check_going_live(self, revision):
        require_signoff(self, revision)

    def save_revision(self, *args, **kwargs):
        revision = super().save_revision(*args, **kwargs)
        after_revision_saved(self, revision, user=kwargs.get("user", args[0] if args else None))
        return revision

    def clean(self):
        super().clean()
        errors = {}
        if self.closes and self.opens and self.closes < self.opens:
            errors["closes"] = "The closing date must be on or after the opening date."
        if self.event_start and self.event_end and self.event_end < self.event_start:
            errors["event_end"] = "The event must finish after it starts."
        if errors:
            raise ValidationError(errors)

    # Public status ---------------------------------------------------------

    @property
    def outcome_due(self):
        """When the public was told to expect the outcome: the set date or closes + 12 weeks."""
        return outcome_due(self.closes, self.outcome_expected)

    @property
    def outcome_page(self):
        """The live 'You said, We did' page that answers this opportunity, if there is one."""
        if not hasattr(self, "_outcome_page"):
            self._outcome_page = self.outcomes.live().public().order_by("-date").first()
        return self._outcome_page

    @property
    def public_status(self):
        annotated = getattr(self, "status", None)
        if annotated:
            return annotated
        return status_of(self.opens, self.closes, self.outcome_page is not None)

    def get_public_status_display(self):
        return Status(self.public_status).label

    @property
    def status_sentence(self):
        """Where it stands, in the words used wherever an opportunity is listed."""
        return status_sentence(self.public_status, self.opens, self.closes, self.outcome_due)

    @property
    def level_explanation(self):
        return LEVEL_EXPLANATIONS.get(self.level, "")

    @property
    def alternative_format_labels(self):
        return self._meta.get_field("alternative_formats").labels(self.alternative_formats)

    @property
    def summary_text(self):
        return self.summary or super().summary_text

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["panels"] = opportunity_panels(self, request)
        return context


class OpportunityFilterForm(forms.Form):
    """The filters on the get-involved page; bad values are dropped, never an error page."""

    status = forms.MultipleChoiceField(
        choices=Status.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    type = forms.MultipleChoiceField(
        choices=OpportunityType.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    topic = forms.ModelMultipleChoiceField(
        queryset=Topic.objects.all(),
        to_field_name="slug",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    audience = forms.ModelMultipleChoiceField(
        queryset=Audience.objects.all(),
        to_field_name="slug",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    DEFAULT_STATUSES = [Status.OPEN.value, Status.UPCOMING.value]


class OpportunityIndexPage(FilteredListingMixin, BasePage):
    """The get-involved page: every opportunity, filtered by status, type, topic and audience."""

    parent_page_types = ["pages.HomePage"]
    subpage_types = ["pages.OpportunityPage", "involvement.RegisterPage"]

    class Meta:
        verbose_name = "opportunity index"

    def listing_items(self):
        # Cards show neither the body nor the topics: leave both in the database.
        return OpportunityPage.objects.live().public().child_of(self).defer_streamfields()

    def filter_form(self, items):
        return OpportunityFilterForm

    def filter_items(self, items, filters, form):
        # With no status chosen, show what people can still take part in.
        statuses = filters.get("status") or OpportunityFilterForm.DEFAULT_STATUSES
        form.initial["status"] = statuses
        items = items.with_status_in(statuses)
        if filters.get("type"):
            items = items.filter(opportunity_type__in=filters["type"])
        if filters.get("topic"):
            items = items.filter(topics__in=filters["topic"]).distinct()
        if filters.get("audience"):
            items = items.filter(audiences__in=filters["audience"]).distinct()
        return items

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["levels"] = [(code, label, LEVEL_EXPLANATIONS[code]) for code, label in Level.choices]
        return context
