"""The outbox in the subject access export and in erasure, by email address.

involvement/personal_data.py calls `export` and `erase` for every app whose AppConfig has a
`personal_data` module (messaging/apps.py). What was sent to an address is personal data whoever
sent it: the register, alerts, feedback receipts, password resets. The export lists each message;
erasure blanks them (outbox.forget), keeping purpose, status and dates for the counts.
"""

from django.utils import timezone

from messaging.models import Message
from messaging.outbox import forget

KEY = "messages_sent"


def _messages(email):
    address = (email or "").strip()
    if not address:
        return Message.objects.none()
    return Message.objects.filter(to__iexact=address)


def _when(value):
    return timezone.localtime(value).isoformat() if value else None


def export(email, user=None):
    """Every message to `email`: when, why, by which channel, its subject and text, and its status."""
    return [
        {
            "queued_at": _when(message.created_at),
            "sent_at": _when(message.sent_at),
            "purpose": message.purpose,
            "channel": message.get_channel_display(),
            "status": message.get_status_display(),
            "subject": message.subject,
            "text": message.text,
        }
        for message in _messages(email).order_by("created_at", "pk")
    ]


def erase(email, user=None):
    """Blank every message to `email`; returns how many there were."""
    address = (email or "").strip()
    return forget(address=address) if address else 0


def holds(email):
    return _messages(email).exists()
