"""Immediate alerts: when an opportunity or an outcome first goes live, matching subscribers who
asked to hear at once get one message each, once.

Publishing only queues a task (after the publishing transaction commits); the task finds the
subscribers and hands the batch to the outbox, whose worker sends it. Each message's dedupe key
names the page and the subscription, so republishing, or the task running twice, sends nothing
more. An outcome that answers an opportunity is told by "here is what happened" instead
(messaging/outcomes.py), to which `outcome_subscribers` adds the subscribers.
"""

from django.db import transaction
from django_tasks import task
from wagtail.signals import page_published

from alerts import links as alert_links
from alerts.content import item
from alerts.models import Frequency, Subscription
from messaging.outbox import Recipient, send_many
from pages.models import OpportunityPage, YouSaidWeDidPage


def recipient(subscription, dedupe_key):
    return Recipient(
        to=subscription.email,
        dedupe_key=dedupe_key,
        subject_ref=subscription.subject_ref,
        unsubscribe_url=alert_links.unsubscribe_url(subscription),
    )


def immediate():
    return Subscription.objects.filter(frequency=Frequency.IMMEDIATE)


def outcome_subscribers(page):
    """The "alert subscribers" audience of an outcome: those told at once about its topics."""
    return [recipient(s, None) for s in immediate().for_outcome(page)]


def _live(model, page_id):
    return model.objects.live().public().filter(pk=page_id).first()


@task()
def announce(page_id):
    """Queue the alert about page `page_id` to every matching 'at once' subscriber; returns how many."""
    page = _live(OpportunityPage, page_id)
    if page is not None:
        subscriptions = immediate().for_opportunity(page)
    else:
        page = _live(YouSaidWeDidPage, page_id)
        if page is None or page.opportunity_id:
            return 0
        subscriptions = immediate().for_outcome(page)
    recipients = [recipient(s, f"alert:{page.pk}:{s.pk}") for s in subscriptions]
    send_many(recipients, template="alerts/email/alert", context={"item": item(page)}, purpose="alert")
    return len(recipients)


def first_time_live(page):
    """Wagtail sets both dates to the same moment when a page is published for the first time."""
    return page.first_published_at is not None and page.first_published_at == page.last_published_at


def on_published(sender, instance, **kwargs):
    if not first_time_live(instance):
        return  # republished: its subscribers heard about it then
    page_id = instance.pk
    transaction.on_commit(lambda: announce.enqueue(page_id))


def connect():
    for model in (OpportunityPage, YouSaidWeDidPage):
        page_published.connect(on_published, sender=model, dispatch_uid=f"alerts.announce.{model.__name__}")
