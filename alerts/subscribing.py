"""Subscribing, confirming and unsubscribing: what the /alerts/ pages do.

`request_alerts` does the same work whether or not the address already has alerts: it stores a
new unconfirmed subscription and queues one email with its confirm link. Only the wording of the
email differs ("confirm" or "change"), and only the address's owner reads it. Confirming from that
email replaces any subscription the address had; until then the old one carries on unchanged.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone

from alerts import links as alert_links
from alerts.models import Subscription
from messaging import outbox


class NotConfirmed(Exception):
    """The subscription a valid confirm link names has gone (removed, or replaced meanwhile)."""


def request_alerts(email, choices):
    """Store an unconfirmed subscription for `email` and queue its confirmation email."""
    already = Subscription.objects.confirmed().for_email(email).exists()
    with transaction.atomic():
        subscription = Subscription.objects.create(
            email=email,
            opportunities=choices["opportunities"],
            outcomes=choices["outcomes"],
            opportunity_types=choices["opportunity_types"],
            frequency=choices["frequency"],
        )
        subscription.topics.set(choices["topics"])
        subscription.audiences.set(choices["audiences"])
        outbox.send(
            to=email,
            template="alerts/email/change" if already else "alerts/email/confirm",
            context={
                "confirm_url": alert_links.confirm_url(subscription),
                "days": alert_links.CONFIRM_MAX_AGE // 86400,
            },
            purpose="confirm",
            subject_ref=subscription.subject_ref,
        )
    return subscription


def confirm(key):
    """Confirm the unconfirmed subscription with this key, replacing the address's old one."""
    try:
        with transaction.atomic():
            subscription = Subscription.objects.select_for_update().unconfirmed().filter(key=key).first()
            if subscription is None:
                raise NotConfirmed
            Subscription.objects.confirmed().for_email(subscription.email).delete()
            subscription.confirmed_at = timezone.now()
            subscription.save(update_fields=["confirmed_at"])
    except IntegrityError:  # another confirmation for the address won the race
        raise NotConfirmed from None
    return subscription


def unsubscribe(key):
    """Delete the subscription with this key, if it is still there; safe to repeat."""
    return Subscription.objects.filter(key=key).delete()[0] > 0


def remove_unconfirmed(now=None):
    """Delete unconfirmed subscriptions older than UNCONFIRMED_DAYS; returns how many."""
    expired = Subscription.objects.expired_unconfirmed(now)
    refs = [f"subscriber:{pk}" for pk in expired.values_list("pk", flat=True)]
    for ref in refs:
        outbox.forget(subject_ref=ref)
    return expired.delete()[1].get("alerts.Subscription", 0)
