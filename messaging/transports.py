"""How a stored message leaves the site.

- Email through Django's mail backend named by MESSAGING_TRANSPORT_BACKEND: SMTP (with STARTTLS or
  SSL) from EMAIL_URL, the console in development, the in-memory outbox in tests.
- GOV.UK Notify for email, text messages and letters when NOTIFY_API_KEY is set; its templates
  (ids in NOTIFY_*_TEMPLATE_ID) take `subject` and `body` (and the address lines for letters).
- Without Notify, a text message or letter goes to the mail backend only when that backend is the
  console or the in-memory one (development and tests); in production it fails with a clear error.

A transport raises PermanentError for a message that can never be sent (the server refused the
address for good) and any other exception for one worth trying again.
"""

import contextlib
import smtplib
from email.utils import getaddresses

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection

from .models import Channel

OFFLINE_BACKENDS = {
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.locmem.EmailBackend",
}


class PermanentError(Exception):
    """Sending this message again would fail the same way."""


def message_id(message):
    domain = settings.MESSAGING_MESSAGE_ID_DOMAIN or (
        settings.DEFAULT_FROM_EMAIL.rpartition("@")[2].strip(">").strip() or "localhost"
    )
    return f"<{message.uuid}@{domain}>"


def is_permanent_smtp_error(error):
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _text in error.recipients.values()]
        return bool(codes) and all(code >= 500 for code in codes)
    if isinstance(error, smtplib.SMTPResponseException):
        return error.smtp_code >= 500
    return False


class MailTransport:
    """Django's mail backend; one connection for a whole batch."""

    def __init__(self):
        self.connection = get_connection(settings.MESSAGING_TRANSPORT_BACKEND, fail_silently=False)
        self.opened = False

    def send(self, message):
        email = EmailMultiAlternatives(
            message.subject,
            message.text,
            message.from_email or settings.DEFAULT_FROM_EMAIL,
            [message.to],
            headers={**message.headers, "Message-ID": message_id(message)},
            connection=self.connection,
        )
        if message.html:
            email.attach_alternative(message.html, "text/html")
        for item in message.attachments or []:
            email.attach(item["filename"], item["content"], item["mimetype"])
        try:
            if not self.opened:
                self.connection.open()
                self.opened = True
            sent = self.connection.send_messages([email])
        except Exception as error:
            self.close()  # a broken connection is opened afresh for the next message
            if is_permanent_smtp_error(error):
                raise PermanentError(str(error)) from error
            raise
        if not sent:
            raise RuntimeError("The mail backend did not accept the message.")

    def close(self):
        if self.opened:
            with contextlib.suppress(Exception):  # closing a dead connection can fail
                self.connection.close()
            self.opened = False


class NotifyTransport:
    """GOV.UK Notify: email, text messages and letters through one API key."""

    def __init__(self):
        from notifications_python_client.notifications import NotificationsAPIClient

        self.client = NotificationsAPIClient(
            settings.NOTIFY_API_KEY, base_url=settings.NOTIFY_BASE_URL, timeout=settings.EMAIL_TIMEOUT
        )

    def send(self, message):
        from notifications_python_client.errors import APIError

        reference = str(message.uuid)
        try:
            if message.channel == Channel.SMS:
                self.client.send_sms_notification(
                    message.to, settings.NOTIFY_SMS_TEMPLATE_ID, {"body": message.text}, reference=reference
                )
            elif message.channel == Channel.LETTER:
                self.client.send_letter_notification(
                    settings.NOTIFY_LETTER_TEMPLATE_ID,
                    {**letter_address(message.to), "subject": message.subject, "body": message.text},
                    reference=reference,
                )
            else:
                unsubscribe = message.headers.get("List-Unsubscribe", "").strip("<>") or None
                self.client.send_email_notification(
                    message.to,
                    settings.NOTIFY_EMAIL_TEMPLATE_ID,
                    {"subject": message.subject, "body": message.text},
                    reference=reference,
                    one_click_unsubscribe_url=unsubscribe,
                )
        except APIError as error:
            # 400 and 403 (a bad address, a template or key problem) do not get better by waiting.
            if error.status_code in (400, 403):
                raise PermanentError(str(error)) from error
            raise

    def close(self):
        pass


def letter_address(address):
    """Notify's address_line_1..7 from a postal address written one line after another."""
    lines = [line.strip() for line in address.replace(",", "\n").splitlines() if line.strip()][:7]
    return {f"address_line_{number}": line for number, line in enumerate(lines, start=1)}


class Transports:
    """The transport for each channel, opened once per batch and closed at its end."""

    def __init__(self):
        self._open = {}

    def for_channel(self, channel):
        if settings.NOTIFY_API_KEY:
            kind = NotifyTransport
        elif channel == Channel.EMAIL or settings.MESSAGING_TRANSPORT_BACKEND in OFFLINE_BACKENDS:
            kind = MailTransport
        else:
            raise PermanentError(
                f"No transport for {channel}: set NOTIFY_API_KEY to send text messages and letters."
            )
        if kind not in self._open:
            self._open[kind] = kind()
        return self._open[kind]

    def close(self):
        for transport in self._open.values():
            transport.close()
        self._open.clear()


def recipients_of(email_message):
    """Every address an outgoing Django EmailMessage is for (to, cc and bcc), as plain addresses."""
    return [address for _name, address in getaddresses(email_message.recipients()) if address]
