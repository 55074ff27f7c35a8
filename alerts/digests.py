"""Weekly digests: each digest subscriber's message of what went live in their filters since their
last digest (or since they confirmed, for their first).

The pages are read once per run: every opportunity and outcome first published since the oldest
subscriber's last digest, with their topics and audiences. Subscribers are then read in batches of
MESSAGING_CHUNK_SIZE, one outbox chunk each; each batch costs the same number of queries whatever
its size (the subscribers, their topics, their audiences, then the outbox's batch and one
update), and the matching is done in Python.

A digest's dedupe key names the subscription and the ISO week, so a second run in the same week,
or a run restarted after a crash, sends nobody a second digest. A subscriber with nothing new gets
no message, and their next digest still starts from their last one.
"""

from django.conf import settings
from django.db import transaction
from django.db.models import Min
from django.db.models.functions import Coalesce
from django.utils import timezone

from alerts import links as alert_links
from alerts.content import item
from alerts.models import Frequency, Subscription
from messaging.outbox import Recipient, send_many
from pages.models import OpportunityPage, YouSaidWeDidPage


def week_of(moment):
    year, week, _day = timezone.localtime(moment).isocalendar()
    return f"{year}-W{week:02d}"


class Candidate:
    """A page that went live, with what a subscription's filters compare against."""

    def __init__(self, page, kind):
        self.kind = kind
        self.published = page.first_published_at
        self.topics = {t.pk for t in page.topics.all()}
        self.audiences = {a.pk for a in page.audiences.all()} if kind == "opportunity" else set()
        self.type = getattr(page, "opportunity_type", "")
        self.item = item(page)

    def matches(self, subscription, topics, audiences):
        if self.published <= subscription.since():
            return False
        if topics and not topics & self.topics:
            return False
        if self.kind == "outcome":
            return subscription.outcomes
        if not subscription.opportunities or not subscription.wants_type(self.type):
            return False
        return not (audiences and self.audiences) or bool(audiences & self.audiences)


def candidates(since, until):
    """Every public page first live in (since, until], oldest first."""
    window = {"first_published_at__gt": since, "first_published_at__lte": until}
    opportunities = (
        OpportunityPage.objects.live().public().filter(**window).prefetch_related("topics", "audiences")
    )
    outcomes = YouSaidWeDidPage.objects.live().public().filter(**window).prefetch_related("topics")
    found = [Candidate(p, "opportunity") for p in opportunities] + [Candidate(p, "outcome") for p in outcomes]
    return sorted(found, key=lambda c: c.published)


def due():
    return Subscription.objects.confirmed().filter(frequency=Frequency.WEEKLY)


def send_batch(subscriptions, pages, now):
    """Queue the digest of each subscription in the batch that has something new; returns how many."""
    week = week_of(now)
    recipients, sent = [], []
    for subscription in subscriptions:
        topics = {t.pk for t in subscription.topics.all()}
        audiences = {a.pk for a in subscription.audiences.all()}
        items = [c.item for c in pages if c.matches(subscription, topics, audiences)]
        if not items:
            continue
        recipients.append(
            Recipient(
                to=subscription.email,
                context={"items": items, "count": len(items)},
                dedupe_key=f"digest:{subscription.pk}:{week}",
                subject_ref=subscription.subject_ref,
                unsubscribe_url=alert_links.unsubscribe_url(subscription),
            )
        )
        subscription.last_digest_at = now
        sent.append(subscription)
    with transaction.atomic():
        send_many(recipients, template="alerts/email/digest", context={}, purpose="digest")
        Subscription.objects.bulk_update(sent, ["last_digest_at"])
    return len(sent)


def send_digests(now=None, batch_size=None):
    """Queue this week's digests; returns (subscribers with a digest, subscribers looked at)."""
    now = now or timezone.now()
    # One batch is one chunk of the outbox (MESSAGING_CHUNK_SIZE): one insert and one task each.
    batch_size = batch_size or settings.MESSAGING_CHUNK_SIZE
    subscribers = due().order_by("pk")
    earliest = subscribers.aggregate(since=Min(Coalesce("last_digest_at", "confirmed_at")))["since"]
    if earliest is None:
        return 0, 0
    pages = candidates(earliest, now)
    sent = seen = 0
    last_pk = 0
    while True:
        batch = list(subscribers.filter(pk__gt=last_pk).prefetch_related("topics", "audiences")[:batch_size])
        if not batch:
            break
        last_pk = batch[-1].pk
        seen += len(batch)
        if pages:
            sent += send_batch(batch, pages, now)
    return sent, seen
