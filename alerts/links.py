"""The links emailed about a subscription: confirm it, and unsubscribe from it (messaging.links).

Each link's subject is the subscription's random key, never its id or the address. A confirm
link works once and expires when the unconfirmed subscription would be removed; an unsubscribe
link works as often as it is used, for a year, so every alert's link outlives the next alert.
"""

import datetime

from django.conf import settings
from django.urls import reverse

from alerts.models import UNCONFIRMED_DAYS
from messaging import links

CONFIRM = "alerts.confirm"
UNSUBSCRIBE = "alerts.unsubscribe"

CONFIRM_MAX_AGE = int(datetime.timedelta(days=UNCONFIRMED_DAYS).total_seconds())
UNSUBSCRIBE_MAX_AGE = int(datetime.timedelta(days=366).total_seconds())


def absolute(path):
    return f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}{path}"


def confirm_url(subscription):
    token = links.make_token(CONFIRM, str(subscription.key), max_age=CONFIRM_MAX_AGE, single_use=True)
    return absolute(reverse("alerts:confirm", args=[token]))


def unsubscribe_url(subscription):
    token = links.make_token(UNSUBSCRIBE, str(subscription.key), max_age=UNSUBSCRIBE_MAX_AGE)
    return absolute(reverse("alerts:unsubscribe", args=[token]))


def read_confirm(token, *, consume=False):
    return links.read_token(token, CONFIRM, consume=consume)


def read_unsubscribe(token):
    return links.read_token(token, UNSUBSCRIBE)
