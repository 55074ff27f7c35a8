"""The operating commands: sweep_outbox, retry_messages, the task-pruning cron job; and the Notify
transport's calls, with Notify's HTTP client replaced by a recorder."""

import io
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from messaging import outbox
from messaging.models import Message, Status

pytestmark = pytest.mark.django_db
TEMPLATE = "messaging/email/message"


def queued_without_a_task(**changes):
    """A message whose task was lost: stored as the worker left it, nothing queued for it."""
    return Message.objects.create(
        **{"to": "robin@example.com", "subject": "Lost", "purpose": "alert", **changes}
    )


def test_sweep_outbox_sends_messages_whose_task_was_lost(settings):
    settings.MESSAGING_SWEEP_AFTER_SECONDS = 300
    old = queued_without_a_task(next_attempt_at=timezone.now() - timedelta(minutes=10))
    recent = queued_without_a_task(next_attempt_at=timezone.now())
    expired = queued_without_a_task(status=Status.SENDING, lease_until=timezone.now() - timedelta(seconds=1))
    held = queued_without_a_task(status=Status.SENDING, lease_until=timezone.now() + timedelta(minutes=5))
    out = io.StringIO()
    call_command("sweep_outbox", stdout=out)
    assert "Queued 2" in out.getvalue()
    statuses = {m.pk: m.status for m in Message.objects.all()}
    assert statuses == {old.pk: "sent", recent.pk: "queued", expired.pk: "sent", held.pk: "sending"}
    assert len(mail.outbox) == 2


def test_retry_messages_queues_failed_ones_again():
    failed = queued_without_a_task(status=Status.FAILED, attempts=6, last_error="boom")
    other = queued_without_a_task(status=Status.FAILED, purpose="digest")
    call_command("retry_messages", "--purpose", "alert", stdout=io.StringIO())
    failed.refresh_from_db()
    other.refresh_from_db()
    assert (failed.status, failed.attempts, failed.last_error) == ("sent", 1, "")
    assert other.status == "failed"


def test_finished_tasks_are_pruned_as_the_cron_table_says(readme_cron, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    readme_cron("prune_db_task_results")


class RecordingNotify:
    calls = []

    def post(self, url, data):
        self.calls.append((url, data))
        return {"id": "n1"}


@pytest.fixture
def notify(settings, monkeypatch):
    from notifications_python_client.notifications import NotificationsAPIClient

    settings.NOTIFY_API_KEY = "test-" + "a" * 36 + "-" + "b" * 36
    settings.NOTIFY_EMAIL_TEMPLATE_ID = "email-template"
    settings.NOTIFY_SMS_TEMPLATE_ID = "sms-template"
    settings.NOTIFY_LETTER_TEMPLATE_ID = "letter-template"
    RecordingNotify.calls = []
    monkeypatch.setattr(NotificationsAPIClient, "post", RecordingNotify.post.__get__(RecordingNotify()))
    return RecordingNotify.calls


def test_with_a_notify_key_every_channel_goes_through_notify(notify):
    context = {"subject": "Invitation", "body": "Come along"}
    email = outbox.send(
        to="robin@example.com", template=TEMPLATE, context=context, purpose="invitation",
        unsubscribe_url="https://example.org/u/t/",
    )  # fmt: skip
    sms = outbox.send(
        to="07700 900123", template=TEMPLATE, context=context, purpose="invitation", channel="sms"
    )
    letter = outbox.send(
        to="Robin Smith\n1 High Street\nLeeds\nLS1 1AA", template=TEMPLATE, context=context,
        purpose="invitation", channel="letter",
    )  # fmt: skip
    assert [url for url, _data in notify] == [
        "/v2/notifications/email",
        "/v2/notifications/sms",
        "/v2/notifications/letter",
    ]
    email_data, sms_data, letter_data = (data for _url, data in notify)
    assert (
        email_data["email_address"] == "robin@example.com" and email_data["template_id"] == "email-template"
    )
    assert email_data["personalisation"]["subject"] == "Invitation"
    assert email_data["one_click_unsubscribe_url"] == "https://example.org/u/t/"
    assert email_data["reference"] == str(email.uuid)
    assert sms_data["phone_number"] == "07700 900123" and "Come along" in sms_data["personalisation"]["body"]
    assert letter_data["personalisation"]["address_line_1"] == "Robin Smith"
    assert letter_data["personalisation"]["address_line_4"] == "LS1 1AA"
    for message in (email, sms, letter):
        message.refresh_from_db()
        assert message.status == Status.SENT
    assert mail.outbox == []


def test_without_notify_a_text_message_in_production_fails_clearly(settings):
    settings.MESSAGING_TRANSPORT_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    sms = outbox.send(
        to="07700 900123",
        template=TEMPLATE,
        context={"subject": "s", "body": "b"},
        purpose="x",
        channel="sms",
    )
    sms.refresh_from_db()
    assert sms.status == Status.FAILED and "NOTIFY_API_KEY" in sms.last_error
