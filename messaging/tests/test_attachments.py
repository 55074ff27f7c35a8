"""The outbox carries text attachments (a calendar file) with an email, and forgets them on erasure."""

import pytest
from django.core import mail

from messaging import outbox
from messaging.models import Channel, Message

pytestmark = pytest.mark.django_db

TEMPLATE = "messaging/email/message"
ICS = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n"


def test_an_email_carries_its_attachment():
    outbox.send(
        to="robin@example.com",
        template=TEMPLATE,
        context={"subject": "Your booking", "body": "See the calendar file."},
        purpose="booking",
        attachments=[outbox.attachment("event.ics", ICS, "text/calendar")],
    )
    [sent] = mail.outbox
    [(filename, content, mimetype)] = sent.attachments
    assert (filename, mimetype) == ("event.ics", "text/calendar")
    assert content == ICS
    assert sent.alternatives  # the HTML part is still there beside the attachment


def test_a_text_message_carries_no_attachment():
    message = outbox.send(
        to="07700 900982",
        channel=Channel.SMS,
        template=TEMPLATE,
        context={"subject": "Booked", "body": "Booked."},
        purpose="booking",
        attachments=[outbox.attachment("event.ics", ICS, "text/calendar")],
    )
    assert Message.objects.get(pk=message.pk).attachments == []


def test_forget_removes_attachments():
    outbox.send(
        to="robin@example.com",
        template=TEMPLATE,
        context={"subject": "Booked", "body": "Booked."},
        purpose="booking",
        subject_ref="booking:1",
        attachments=[outbox.attachment("event.ics", ICS, "text/calendar")],
    )
    outbox.forget(subject_ref="booking:1")
    assert Message.objects.get().attachments == []
