"""Email alerts: someone who asked to hear about new opportunities or outcomes, and their filters.

A subscription holds one email address and what it is for. Nothing is sent to it until the
address is confirmed from the emailed link. Subscribing again with an address that already has
alerts makes a new, unconfirmed subscription: the old one is replaced only when the new one is
confirmed from that address (alerts/subscribing.py). Unsubscribing deletes the row.
"""

import datetime
import uuid

from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from core.model_fields import ChoiceListField
from pages.models import Audience, Topic
from pages.models.opportunities import OpportunityType

# Unconfirmed subscriptions are deleted this long after they were asked for.
UNCONFIRMED_DAYS = 30


class Frequency(models.TextChoices):
    IMMEDIATE = "immediate", "As soon as something is published"
    WEEKLY = "weekly", "Once a week, in a summary"


class SubscriptionQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)

    def unconfirmed(self):
        return self.filter(confirmed_at__isnull=True)

    def expired_unconfirmed(self, now=None):
        cutoff = (now or timezone.now()) - datetime.timedelta(days=UNCONFIRMED_DAYS)
        return self.unconfirmed().filter(created_at__lt=cutoff)

    def for_email(self, email):
        return self.filter(email__iexact=(email or "").strip())

    def _vocabulary_match(self, through, column, ids):
        """Those with no terms of this vocabulary chosen (they want everything), or one of `ids`."""
        chosen = through.objects.filter(subscription=OuterRef("pk"))
        return ~Exists(chosen) | Exists(chosen.filter(**{f"{column}__in": ids}))

    def matching_topics(self, topic_ids):
        return self.filter(self._vocabulary_match(Subscription.topics.through, "topic_id", list(topic_ids)))

    def matching_audiences(self, audience_ids):
        """An opportunity for everyone (no audiences) matches every subscription."""
        audience_ids = list(audience_ids)
        if not audience_ids:
            return self
        return self.filter(
            self._vocabulary_match(Subscription.audiences.through, "audience_id", audience_ids)
        )

    def for_opportunity(self, page):
        """Confirmed subscriptions to new opportunities whose filters `page` passes."""
        matches = (
            self.confirmed()
            .filter(opportunities=True)
            .matching_topics(page.topics.values_list("pk", flat=True))
            .matching_audiences(page.audiences.values_list("pk", flat=True))
        )
        return [s for s in matches if s.wants_type(page.opportunity_type)]

    def for_outcome(self, page):
        """Confirmed subscriptions to new outcomes whose topics `page` is about."""
        return list(
            self.confirmed().filter(outcomes=True).matching_topics(page.topics.values_list("pk", flat=True))
        )


class Subscription(models.Model):
    """One email address's alerts: what about, how often, and whether the address is confirmed."""

    email = models.EmailField(max_length=254)
    # The subject of every link emailed about this subscription: not guessable, never reused.
    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    opportunities = models.BooleanField("new opportunities", default=True)
    outcomes = models.BooleanField("new 'You said, We did' outcomes", default=False)
    topics = models.ManyToManyField(Topic, blank=True, related_name="+")
    audiences = models.ManyToManyField(Audience, blank=True, related_name="+")
    opportunity_types = ChoiceListField(item_choices=OpportunityType.choices)
    frequency = models.CharField(max_length=10, choices=Frequency.choices, default=Frequency.WEEKLY)
    created_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    # The latest digest sent; the next one holds what went live after it.
    last_digest_at = models.DateTimeField(null=True, blank=True)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["frequency", "confirmed_at"])]
        constraints = [
            # One confirmed subscription per address (ignoring case): confirming replaces the old one.
            models.UniqueConstraint(
                models.functions.Lower("email"),
                condition=Q(confirmed_at__isnull=False),
                name="alerts_one_confirmed_per_address",
            )
        ]

    def __str__(self):
        return f"Subscriber {self.pk}"

    @property
    def subject_ref(self):
        return f"subscriber:{self.pk}"

    @property
    def is_confirmed(self):
        return self.confirmed_at is not None

    def wants_type(self, opportunity_type):
        return not self.opportunity_types or opportunity_type in self.opportunity_types

    def since(self):
        """When the next digest starts: the last one, or the confirmation."""
        return self.last_digest_at or self.confirmed_at
