"""The outbox's promises to its callers: one row per recipient, once per dedupe key, never to a
suppressed address, with the unsubscribe headers on bulk mail, in a fixed number of queries."""

import math

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from messaging import outbox
from messaging.models import Message, Status

pytestmark = pytest.mark.django_db

TEMPLATE = "messaging/email/message"


def test_send_stores_a_row_and_delivers_it():
    message = outbox.send(
        to="robin@example.com",
        template=TEMPLATE,
        context={"subject": "Your link", "body": "Hello O'Brien & co <b>"},
        purpose="system",
        subject_ref="member:1",
    )
    message.refresh_from_db()
    assert message.status == Status.SENT and message.attempts == 1 and message.sent_at
    [sent] = mail.outbox
    assert sent.to == ["robin@example.com"] and sent.subject == "Your link"
    # Plain text is not HTML-escaped; the HTML part is.
    assert "Hello O'Brien & co <b>" in sent.body
    html = sent.alternatives[0].content
    assert "O&#x27;Brien &amp; co &lt;b&gt;" in html
    assert sent.extra_headers["Message-ID"] == f"<{message.uuid}@localhost>"
    assert "List-Unsubscribe" not in sent.extra_headers


def test_a_dedupe_key_sends_once():
    first = outbox.send(
        to="robin@example.com",
        template=TEMPLATE,
        context={"subject": "a", "body": "b"},
        purpose="x",
        dedupe_key="k",
    )
    again = outbox.send(
        to="robin@example.com",
        template=TEMPLATE,
        context={"subject": "a", "body": "b"},
        purpose="x",
        dedupe_key="k",
    )
    assert first.pk == again.pk and len(mail.outbox) == 1 and Message.objects.count() == 1


def test_bulk_mail_carries_one_click_unsubscribe():
    outbox.send(
        to="robin@example.com",
        template=TEMPLATE,
        context={"subject": "Digest", "body": "News"},
        purpose="digest",
        unsubscribe_url="https://example.org/alerts/unsubscribe/abc/",
    )
    [sent] = mail.outbox
    assert sent.extra_headers["List-Unsubscribe"] == "<https://example.org/alerts/unsubscribe/abc/>"
    assert sent.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "https://example.org/alerts/unsubscribe/abc/" in sent.body


def test_a_suppressed_address_is_never_sent():
    outbox.suppress("Robin@Example.com ", "unsubscribed")
    message = outbox.send(
        to="robin@example.com", template=TEMPLATE, context={"subject": "a", "body": "b"}, purpose="x"
    )
    assert message.status == Status.SUPPRESSED and mail.outbox == []
    outbox.unsuppress("robin@example.com")
    outbox.send(to="robin@example.com", template=TEMPLATE, context={"subject": "a", "body": "b"}, purpose="x")
    assert len(mail.outbox) == 1


def batch(n):
    return [
        outbox.Recipient(to=f"person{i}@example.com", name=f"Person {i}", dedupe_key=f"batch:{n}:{i}")
        for i in range(n)
    ]


def test_send_many_uses_the_same_number_of_queries_for_10_and_200(settings):
    """On PostgreSQL the same number exactly. SQLite takes at most 999 parameters a statement, so
    Django splits the one INSERT into its batches there; everything else is the same number."""
    settings.MESSAGING_CHUNK_SIZE = 500
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    counts = []
    for n in (10, 200):
        with CaptureQueriesContext(connection) as queries:
            rows = outbox.send_many(
                batch(n), template=TEMPLATE, context={"subject": "s", "body": "b"}, purpose="x"
            )
        assert len(rows) == n and all(row.status == Status.QUEUED for row in rows)
        inserts = [q for q in queries if q["sql"].startswith('INSERT INTO "messaging_message"')]
        fields = len([f for f in Message._meta.concrete_fields if not f.primary_key])
        per_insert = (
            n if connection.vendor == "postgresql" else connection.features.max_query_params // fields
        )
        assert len(inserts) == math.ceil(n / per_insert)
        counts.append(len(queries) - len(inserts))
    assert counts[0] == counts[1], counts
    # The request that queued them sent nothing itself.
    assert mail.outbox == []


def test_forget_blanks_the_person_and_keeps_the_count():
    outbox.send(
        to="robin@example.com",
        template=TEMPLATE,
        context={"subject": "Robin's link", "body": "Dear Robin"},
        purpose="confirm",
        subject_ref="member:7",
    )
    assert outbox.forget(subject_ref="member:7") == 1
    message = Message.objects.get()
    assert (message.to, message.subject, message.text, message.html, message.subject_ref) == (
        outbox.FORGOTTEN,
        "",
        "",
        "",
        "",
    )
    assert message.status == Status.SENT and message.purpose == "confirm"


def test_send_mail_becomes_one_outbox_row_per_recipient():
    from django.core.mail import EmailMultiAlternatives, send_mail

    email = EmailMultiAlternatives(
        "Plan approved",
        "Text",
        None,
        ["a@example.com"],
        cc=["b@example.com"],
        headers={"Auto-Submitted": "auto-generated"},
    )
    email.attach_alternative("<p>Html</p>", "text/html")
    assert email.send() == 1
    send_mail("Reset", "Body", None, ["c@example.com"])
    rows = {m.to: m for m in Message.objects.all()}
    assert set(rows) == {"a@example.com", "b@example.com", "c@example.com"}
    assert rows["a@example.com"].purpose == "signoff" and rows["c@example.com"].purpose == "system"
    assert rows["b@example.com"].html == "<p>Html</p>" and all(m.status == Status.SENT for m in rows.values())
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.com", "b@example.com", "c@example.com"]


def test_a_dedupe_header_sends_once_per_recipient():
    from django.core.mail import EmailMessage

    for _ in range(2):
        EmailMessage(
            "Once", "Body", None, ["a@example.com"], headers={"X-Messaging-Dedupe-Key": "once:1"}
        ).send()
    assert len(mail.outbox) == 1 and "X-Messaging-Dedupe-Key" not in mail.outbox[0].extra_headers
