"""The sessions of an event that people can book, edited in the opportunity's "Sessions and booking" tab.

A session belongs to the opportunity's revision like any inline row, so it is signed off with the
page and goes live when the page is published. Bookings themselves live in `events/`, above pages:
this module knows only the session's own facts (when, where, how many places, when booking closes).
The joining link of an online session is never public: it is in no template, API field, search
field, feed or sitemap; only the booking emails carry it (events/).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable


class EventBooking(models.Model):
    """Abstract: who organises an opportunity's sessions, mixed into OpportunityPage.

    The organisers (staff users) see the bookings and access needs of this opportunity's sessions
    in the admin, beside the Engagement team (events/admin_views.py).
    """

    event_organisers = ParentalManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="organised_opportunities",
        verbose_name="organisers",
        help_text="Staff who run the sessions. They can see the bookings and access needs, so an "
        "interpreter or a hearing loop can be arranged in time.",
    )

    booking_panels = [
        FieldPanel("event_organisers"),
        InlinePanel(
            "sessions",
            heading="Sessions",
            label="Session",
            help_text="Each time people can come. Give a number of places to let people book.",
        ),
    ]

    class Meta:
        abstract = True

    @property
    def bookable_sessions(self):
        """Its sessions that take bookings, soonest first (open or not)."""
        return [session for session in self.sessions.all() if session.takes_bookings]


class EventSession(Orderable):
    """One time an event happens; with a number of places, people can book it at <page>/book/."""

    page = ParentalKey("pages.OpportunityPage", on_delete=models.CASCADE, related_name="sessions")
    starts = models.DateTimeField()
    ends = models.DateTimeField()
    location = models.TextField(
        "place",
        blank=True,
        help_text="Venue and address. Leave empty if it is the opportunity's own place.",
    )
    online = models.BooleanField("online", default=False, help_text="Tick if people join online.")
    joining_link = models.URLField(
        "joining link",
        blank=True,
        help_text="Sent only to people who have booked, in their confirmation and reminder. "
        "Never shown on the public page.",
    )
    places = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text="How many people can come. Leave empty (or 0) if people do not need to book.",
    )
    max_per_booking = models.PositiveSmallIntegerField(
        "most places in one booking",
        default=2,
        validators=[MinValueValidator(1)],
        help_text="For example 2, so someone can bring a carer or a friend.",
    )
    booking_closes = models.DateTimeField(
        null=True, blank=True, help_text="Leave empty to take bookings until the session starts."
    )
    waiting_list = models.BooleanField(
        "waiting list",
        default=True,
        help_text="When it is full, people can join a waiting list and are offered a place "
        "if someone cancels.",
    )

    panels = [
        FieldRowPanel([FieldPanel("starts"), FieldPanel("ends")]),
        FieldPanel("location"),
        FieldRowPanel([FieldPanel("online"), FieldPanel("joining_link")]),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("places"), FieldPanel("max_per_booking")]),
                FieldRowPanel([FieldPanel("booking_closes"), FieldPanel("waiting_list")]),
            ],
            heading="Booking",
        ),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "session"

    def __str__(self):
        return self.when

    def clean(self):
        super().clean()
        errors = {}
        if self.starts and self.ends and self.ends <= self.starts:
            errors["ends"] = "The session must finish after it starts."
        if self.booking_closes and self.starts and self.booking_closes > self.starts:
            errors["booking_closes"] = "Booking must close before the session starts, or when it does."
        if self.joining_link and not self.online:
            errors["online"] = "Tick 'online' for a session with a joining link."
        if self.joining_link and self.joining_link == self._page_online_link():
            errors["joining_link"] = (
                "This is also the opportunity's public 'online link'. The joining link goes only to "
                "people who book: take it out of 'online link' in the Taking part tab."
            )
        if errors:
            raise ValidationError(errors)

    def _page_online_link(self):
        # In the editor the page holds the link as typed, before either is saved.
        try:
            return self.page.online_link
        except type(self).page.RelatedObjectDoesNotExist:
            return ""

    @property
    def takes_bookings(self):
        return bool(self.places)

    @property
    def closes_at(self):
        """When booking closes: the set time, or when the session starts."""
        return self.booking_closes or self.starts

    def booking_open(self, now=None):
        """Whether people can book now: it takes bookings and closing time has not come."""
        return self.takes_bookings and (now or timezone.now()) < self.closes_at

    @property
    def place(self):
        """Where it is, in words: its own place, else the opportunity's; 'Online' for online ones."""
        where = self.location or self.page.location
        if self.online and not self.location:
            return "Online"
        return where

    @property
    def when(self):
        """'Tuesday 27 October 2026, 10:00am to 12:00pm', in UK time."""
        starts, ends = timezone.localtime(self.starts), timezone.localtime(self.ends)
        day = f"{starts:%A} {starts.day} {starts:%B %Y}"
        if starts.date() == ends.date():
            return f"{day}, {_time(starts)} to {_time(ends)}"
        return f"{day}, {_time(starts)} to {ends:%A} {ends.day} {ends:%B %Y}, {_time(ends)}"


def _time(moment):
    return f"{moment:%I:%M}".lstrip("0") + moment.strftime("%p").lower()
