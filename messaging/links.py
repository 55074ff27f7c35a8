"""Signed, single-purpose, expiring links for everything the site emails.

    token = make_token("manage-membership", member.pk, max_age=timedelta(days=30))
    member_pk = read_token(token, "manage-membership")

A token is Django's signing of (purpose, subject, expiry) under SECRET_KEY (with its fallbacks),
salted per purpose, so a token for one purpose is refused for another. Expiry is inside the signed
value; `max_age` defaults to MESSAGING_LINK_MAX_AGE_DAYS. A single-use token is recorded as used
(messaging.models.UsedToken, by its hash) when read with consume=True, in one INSERT under a unique
constraint, so two requests at once cannot both use it.

Errors: LinkInvalid (altered, truncated, or for another purpose), LinkExpired, LinkUsed. Views show
them with `link_problem(request, error)`: messaging/link_problem.html, status 400 or 410.
"""

import hashlib
import time
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.shortcuts import render

from .models import UsedToken


class LinkError(Exception):
    status = 400
    title = "This link does not work"


class LinkInvalid(LinkError):
    title = "This link does not work"


class LinkExpired(LinkError):
    status = 410
    title = "This link has expired"


class LinkUsed(LinkError):
    status = 410
    title = "This link has already been used"


def _salt(purpose):
    return f"engagement-hub.links.{purpose}"


def _seconds(max_age):
    if max_age is None:
        max_age = timedelta(days=settings.MESSAGING_LINK_MAX_AGE_DAYS)
    return int(max_age.total_seconds() if isinstance(max_age, timedelta) else max_age)


def make_token(purpose, subject, *, max_age=None, single_use=False):
    """A URL-safe token saying `subject` (any JSON value) for `purpose`, valid for max_age."""
    payload = {"p": purpose, "s": subject, "e": int(time.time()) + _seconds(max_age)}
    if single_use:
        payload["u"] = 1
    return signing.dumps(payload, salt=_salt(purpose), compress=True)


def read_token(token, purpose, *, consume=False):
    """The subject a token was made for; raises LinkInvalid, LinkExpired or LinkUsed."""
    try:
        payload = signing.loads(str(token or ""), salt=_salt(purpose))
    except (signing.BadSignature, ValueError, TypeError) as error:
        raise LinkInvalid() from error
    if not isinstance(payload, dict) or payload.get("p") != purpose or "s" not in payload:
        raise LinkInvalid()
    if not isinstance(payload.get("e"), int) or payload["e"] < time.time():
        raise LinkExpired()
    if payload.get("u"):
        digest = token_hash(token)
        if consume:
            try:
                with transaction.atomic():
                    UsedToken.objects.create(token_hash=digest, purpose=purpose[:40])
            except IntegrityError as error:
                raise LinkUsed() from error
        elif UsedToken.objects.filter(token_hash=digest).exists():
            raise LinkUsed()
    return payload["s"]


def token_hash(token):
    return hashlib.sha256(str(token).encode()).hexdigest()


NEXT_STEPS = {
    LinkInvalid: (
        "The link may have been copied wrongly or cut short. Try copying the whole link from the email again."
    ),
    LinkExpired: "Links we email stop working after a while, to keep your information safe.",
    LinkUsed: "Each of these links works once. If you have already used it, there is nothing more to do.",
}


def link_problem(request, error, *, next_steps="", status=None):
    """The page for a link that does not work: what happened and what to do next."""
    context = {
        "title": error.title,
        "explanation": NEXT_STEPS.get(type(error), NEXT_STEPS[LinkInvalid]),
        "next_steps": next_steps,
    }
    return render(request, "messaging/link_problem.html", context, status=status or error.status)
