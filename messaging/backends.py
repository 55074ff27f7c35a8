"""EMAIL_BACKEND for everything that calls Django's send_mail: Wagtail's workflow notifications,
the sign-off reminders, the password reset. Each message becomes one outbox row per recipient, so
it is sent by the worker, retried, and shown in the staff view like every other.

The real transport is MESSAGING_TRANSPORT_BACKEND (messaging/transports.py). Two headers, never
sent, let a caller that cannot import messaging say more: X-Messaging-Purpose (the row's purpose;
otherwise "signoff" for Wagtail's admin notifications, which carry Auto-Submitted, and "system" for
the rest) and X-Messaging-Dedupe-Key (one message per recipient for that key, ever).
"""

from django.core.mail.backends.base import BaseEmailBackend

from .addresses import address_hash
from .models import Message
from .outbox import store
from .transports import recipients_of

PURPOSE_HEADER = "X-Messaging-Purpose"
DEDUPE_HEADER = "X-Messaging-Dedupe-Key"


class OutboxEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        rows = []
        for email in email_messages:
            if email.attachments:
                raise ValueError("The outbox does not send attachments.")
            headers = {str(k): str(v) for k, v in (email.extra_headers or {}).items()}
            default_purpose = "signoff" if "Auto-Submitted" in headers else "system"
            purpose = headers.pop(PURPOSE_HEADER, default_purpose)
            dedupe = headers.pop(DEDUPE_HEADER, "")
            headers.pop("Message-ID", None)  # the outbox gives each row its own
            if email.reply_to:
                headers["Reply-To"] = ", ".join(email.reply_to)
            html = next(
                (
                    content
                    for content, mimetype in getattr(email, "alternatives", [])
                    if mimetype == "text/html"
                ),
                "",
            )
            if getattr(email, "content_subtype", "plain") == "html":
                html = email.body
            for address in recipients_of(email):
                rows.append(
                    Message(
                        to=address,
                        from_email=email.from_email or "",
                        subject=str(email.subject or ""),
                        text=str(email.body or ""),
                        html=str(html or ""),
                        headers=headers,
                        purpose=purpose,
                        dedupe_key=f"{dedupe}:{address_hash(address)}"[:255] if dedupe else None,
                    )
                )
        try:
            store(rows)
        except Exception:
            if self.fail_silently:
                return 0
            raise
        return len([e for e in email_messages if recipients_of(e)])
