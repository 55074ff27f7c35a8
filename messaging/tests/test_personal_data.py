"""What the outbox sent to a person is in their subject access export, and erasure blanks it."""

import io
import json

import pytest
from django.core import mail
from django.core.management import call_command

from messaging.models import Message, Status

pytestmark = pytest.mark.django_db


def export(email):
    out = io.StringIO()
    call_command("export_personal_data", email, stdout=out)
    return json.loads(out.getvalue())


@pytest.fixture
def messages():
    mail.send_mail("Your feedback reference FB-1", "Thank you, Ada.", None, ["Ada.L@Example.org"])
    mail.send_mail("Someone else's", "Hello, Grace.", None, ["grace@example.net"])
    assert Message.objects.count() == 2


def test_the_export_lists_what_was_sent_to_the_address_only(messages):
    data = export(" ada.l@example.ORG ")
    [message] = data["messages_sent"]
    assert message["subject"] == "Your feedback reference FB-1"
    assert "Thank you, Ada." in message["text"]
    assert message["status"] == Status.SENT.label
    assert "grace" not in json.dumps(data).lower()


def test_erasure_blanks_the_messages_and_keeps_the_count(messages):
    out = io.StringIO()
    call_command("erase_personal_data", "ada.l@example.org", "--yes", stdout=out)
    assert "messages_sent" in out.getvalue()
    assert Message.objects.count() == 2
    assert not Message.objects.filter(to__icontains="ada").exists()
    assert not Message.objects.filter(text__icontains="ada").exists()
    assert Message.objects.filter(to="grace@example.net", text__contains="Grace").exists()
    assert export("ada.l@example.org")["messages_sent"] == []
