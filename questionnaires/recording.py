"""The one place a response is stored, from any channel: `record_response`.

It sets what every response must have whatever the route: the revision answered (the page's live
revision), the late rule (after the end of the closing day in London time, core/dates.py), a
reference for the respondent, the hashes that spot a likely duplicate (the same answers from the
same address within DUPLICATE_WINDOW, flagged, never dropped) and, for a draft, at most one
response: the draft's row is locked and the response got-or-created on the unique draft inside
one transaction, so two simultaneous submits of one draft give one response.
"""

import datetime
import json
import secrets

from django.db import IntegrityError, transaction
from django.utils import timezone

from core.dates import start_of_day
from core.hashing import keyed_hash
from questionnaires.models import Channel, Draft, Response

# No 0/O, 1/I/L, U/V: a reference read out on the phone or copied by hand stays unambiguous.
REFERENCE_ALPHABET = "ABCDEFGHJKMNPQRSTWXYZ23456789"
DUPLICATE_WINDOW = datetime.timedelta(minutes=10)
DRAFT_LIFETIME = datetime.timedelta(days=30)  # for an opportunity with no closing date


def new_reference():
    chars = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))
    return f"{chars[:4]}-{chars[4:]}"


def closes_at(page):
    """The first moment after the closing day in London, or None for an opportunity that never closes."""
    if not page.closes:
        return None
    return start_of_day(page.closes + datetime.timedelta(days=1))


def is_late(page, when):
    end = closes_at(page)
    return end is not None and when >= end


def has_opened(page, when=None):
    return (when or timezone.now()) >= start_of_day(page.opens)


def draft_expiry(page, now=None):
    return closes_at(page) or (now or timezone.now()) + DRAFT_LIFETIME


def answers_hash(page, answers):
    text = json.dumps(answers, sort_keys=True, separators=(",", ":"), default=str)
    return keyed_hash("questionnaire.answers", f"{page.pk}:{text}")


def client_hash(address):
    return keyed_hash("questionnaire.client", address) if address else ""


def new_draft(page, *, answers=None, about_you=None, email=""):
    return Draft.objects.create(
        opportunity=page,
        key=secrets.token_urlsafe(32),
        answers=answers or {},
        about_you=about_you or {},
        email=email,
        expires_at=draft_expiry(page),
    )


def _fields(page, *, answers, about_you, channel, entered_by, submitted_at, email, consent_version, **rest):
    a_hash, c_hash = answers_hash(page, answers), client_hash(rest.get("client_address"))
    likely_duplicate = bool(c_hash) and (
        Response.objects.filter(
            opportunity=page,
            answers_hash=a_hash,
            client_hash=c_hash,
            submitted_at__gte=submitted_at - DUPLICATE_WINDOW,
        ).exists()
    )
    return {
        "opportunity": page,
        "revision_id": page.live_revision_id,
        "channel": channel,
        "entered_by": entered_by,
        "submitted_at": submitted_at,
        "late": is_late(page, submitted_at),
        "likely_duplicate": likely_duplicate,
        "answers": answers,
        "about_you": about_you or {},
        "consent_version": consent_version or "",
        "email": email or "",
        "answers_hash": a_hash,
        "client_hash": c_hash,
    }


def record_response(
    page,
    *,
    answers,
    about_you=None,
    channel=Channel.ONLINE,
    entered_by=None,
    submitted_at=None,
    email="",
    consent_version="",
    client_address=None,
    draft=None,
):
    """Store one response and return it; for a draft already submitted, return its response.

    `response.created` is True when this call stored it.
    """
    if channel not in Channel.values:
        raise ValueError(f"Unknown channel {channel!r}")
    submitted_at = submitted_at or timezone.now()
    fields = {
        "answers": answers,
        "about_you": about_you,
        "channel": channel,
        "entered_by": entered_by,
        "submitted_at": submitted_at,
        "email": email,
        "consent_version": consent_version,
        "client_address": client_address,
    }
    for attempt in range(5):
        try:
            with transaction.atomic():
                if draft is None:
                    response = Response.objects.create(reference=new_reference(), **_fields(page, **fields))
                    response.created = True
                    return response
                locked = Draft.objects.select_for_update().get(pk=draft.pk)
                response, created = Response.objects.get_or_create(
                    draft=locked, defaults={"reference": new_reference(), **_fields(page, **fields)}
                )
                if created:
                    Draft.objects.filter(pk=locked.pk).update(submitted_at=submitted_at)
                response.created = created
                return response
        except IntegrityError:
            # A reference already taken (rare), or the draft's response stored by a concurrent
            # submit between our lock and insert on a database without row locks: try again.
            if draft is not None:
                existing = Response.objects.filter(draft_id=draft.pk).first()
                if existing is not None:
                    existing.created = False
                    return existing
            if attempt == 4:
                raise
    raise AssertionError("unreachable")
