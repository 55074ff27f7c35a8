"""Messages reach a real SMTP server: headers, plain-text and HTML parts, the unsubscribe headers,
STARTTLS really negotiated; a server that refuses leads to retries, then sent or failed."""

import pytest
from django.core import mail

from messaging import outbox, tasks
from messaging.models import Message, Status
from messaging.tests.smtp import SMTPServer

pytestmark = pytest.mark.django_db

TEMPLATE = "messaging/email/message"
UNSUBSCRIBE = "https://engage.example.nhs.uk/alerts/unsubscribe/tok/"


@pytest.fixture
def smtp_settings(settings):
    def use(server, tls=False):
        settings.MESSAGING_TRANSPORT_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = server.port
        settings.EMAIL_USE_TLS = tls
        settings.EMAIL_USE_SSL = False
        settings.EMAIL_TIMEOUT = 5
        settings.DEFAULT_FROM_EMAIL = "Engagement hub <engage@example.nhs.uk>"
        settings.MESSAGING_RETRY_BASE_SECONDS = 0
        settings.MESSAGING_SWEEP_AFTER_SECONDS = 0

    return use


def send(**extra):
    return outbox.send(
        to="robin@example.com",
        template=TEMPLATE,
        context={"subject": "What happened next", "body": "We listened & changed <the plan>."},
        purpose="outcome",
        **extra,
    )


def test_a_bulk_message_arrives_with_both_parts_and_one_click_unsubscribe(smtp_settings):
    with SMTPServer() as server:
        smtp_settings(server)
        message = send(unsubscribe_url=UNSUBSCRIBE)
    [received] = server.messages
    assert received["To"] == "robin@example.com"
    assert received["From"] == "Engagement hub <engage@example.nhs.uk>"
    assert received["Subject"] == "What happened next"
    assert received["Message-ID"] == f"<{message.uuid}@example.nhs.uk>"
    assert received["List-Unsubscribe"] == f"<{UNSUBSCRIBE}>"
    assert received["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert received.get_content_type() == "multipart/alternative"
    text = received.get_body(("plain",)).get_content()
    html = received.get_body(("html",)).get_content()
    assert "We listened & changed <the plan>." in text and UNSUBSCRIBE in text
    assert "We listened &amp; changed &lt;the plan&gt;." in html and f'href="{UNSUBSCRIBE}"' in html
    assert "#005eb8" in html  # the NHS.UK blue header
    message.refresh_from_db()
    assert message.status == Status.SENT


def test_a_personal_message_has_no_unsubscribe_headers(smtp_settings):
    with SMTPServer() as server:
        smtp_settings(server)
        send()
    [received] = server.messages
    assert "List-Unsubscribe" not in received and "List-Unsubscribe-Post" not in received


def test_starttls_is_negotiated_before_the_message_is_sent(smtp_settings, tmp_path, monkeypatch):
    with SMTPServer(tmp_path, tls=True) as server:
        # The client checks the server's certificate as usual: trust the one made for this test.
        monkeypatch.setenv("SSL_CERT_FILE", str(server.certificate))
        smtp_settings(server, tls=True)
        message = send()
    message.refresh_from_db()
    assert message.status == Status.SENT, message.last_error
    assert server.handler.tls == [True] and len(server.messages) == 1


def test_without_starttls_a_server_that_requires_it_gets_nothing(smtp_settings, tmp_path):
    with SMTPServer(tmp_path, tls=True) as server:
        smtp_settings(server, tls=False)
        message = send()
    message.refresh_from_db()
    assert message.status == Status.FAILED and server.messages == []
    assert "STARTTLS" in message.last_error


def test_a_temporary_refusal_is_retried_until_it_is_sent(smtp_settings):
    with SMTPServer(answers=lambda n: "451 Try again later" if n <= 2 else None) as server:
        smtp_settings(server)
        message = send()
        message.refresh_from_db()
        assert (message.status, message.attempts) == (Status.QUEUED, 1)
        assert "451" in message.last_error
        # The immediate test backend cannot delay a task: the sweep finds the message once due.
        tasks.sweep()
        tasks.sweep()
    message.refresh_from_db()
    assert (message.status, message.attempts) == (Status.SENT, 3)
    assert len(server.messages) == 1


def test_a_server_that_keeps_refusing_gets_the_message_marked_failed(smtp_settings, settings):
    settings.MESSAGING_MAX_ATTEMPTS = 3
    with SMTPServer(answers=lambda n: "451 Try again later") as server:
        smtp_settings(server)
        message = send()
        for _ in range(5):
            tasks.sweep()
    message.refresh_from_db()
    assert (message.status, message.attempts) == (Status.FAILED, 3)
    assert server.handler.tried == 3 and server.messages == []


def test_a_permanent_refusal_fails_at_once(smtp_settings):
    with SMTPServer(answers=lambda n: "550 No such mailbox") as server:
        smtp_settings(server)
        message = send()
        tasks.sweep()
    message.refresh_from_db()
    assert (message.status, message.attempts) == (Status.FAILED, 1)
    assert server.handler.tried == 1


def test_a_server_that_is_not_there_is_retried(smtp_settings, settings):
    with SMTPServer() as server:
        smtp_settings(server)
    message = send()  # the server has stopped: the connection is refused
    message.refresh_from_db()
    assert message.status == Status.QUEUED and message.attempts == 1 and message.last_error
    assert Message.objects.filter(status=Status.SENT).count() == 0 and mail.outbox == []
