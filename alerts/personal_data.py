"""Alert subscriptions in the subject access export and in erasure, by email address.

involvement/personal_data.py calls `export` and `erase` for every app whose AppConfig has a
`personal_data` module (alerts/apps.py). Erasure deletes the subscriptions and blanks their
messages in the outbox (messaging.outbox.forget), keeping the counts; messages to the address
itself are blanked by the outbox's own holder (messaging/personal_data.py). Both are written to
Wagtail's audit log against "Subscriber 7", never the address.
"""

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from alerts.models import Subscription
from messaging import outbox
from pages.models.opportunities import OpportunityType

KEY = "email_alerts"


def _when(value):
    return timezone.localtime(value).isoformat() if value else None


def record(subscription):
    types = dict(OpportunityType.choices)
    return {
        "reference": str(subscription),
        "email": subscription.email,
        "new_opportunities": subscription.opportunities,
        "new_outcomes": subscription.outcomes,
        "topics": [topic.name for topic in subscription.topics.all()],
        "audiences": [audience.name for audience in subscription.audiences.all()],
        "kinds_of_opportunity": [types.get(code, code) for code in subscription.opportunity_types],
        "how_often": subscription.get_frequency_display(),
        "asked_for_at": _when(subscription.created_at),
        "confirmed_at": _when(subscription.confirmed_at),
        "last_digest_at": _when(subscription.last_digest_at),
    }


def export(email, user=None):
    """Every subscription of `email`, in plain words; each export is logged."""
    subscriptions = (
        list(Subscription.objects.for_email(email).prefetch_related("topics", "audiences").order_by("pk"))
        if (email or "").strip()
        else []
    )
    for subscription in subscriptions:
        log(subscription, "alerts.subject_access", user=user)
    return [record(s) for s in subscriptions]


def erase(email, user=None):
    """Delete every subscription of `email` and blank their messages; returns their references."""
    if not (email or "").strip():
        return []
    with transaction.atomic():
        subscriptions = list(Subscription.objects.for_email(email).order_by("pk"))
        for subscription in subscriptions:
            outbox.forget(subject_ref=subscription.subject_ref)
            log(subscription, "alerts.erase", user=user, data={"reason": "request"})
        Subscription.objects.filter(pk__in=[s.pk for s in subscriptions]).delete()
    return [str(s) for s in subscriptions]


def holds(email):
    """Whether anything is held about `email` here (the erase command's "nothing to erase")."""
    return bool((email or "").strip()) and Subscription.objects.for_email(email).exists()
