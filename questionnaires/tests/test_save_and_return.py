"""Save and come back later: the draft on the server, the session or an emailed single-use link."""

import re
import threading
from unittest import mock

import pytest
from django.core import mail
from django.db import connection
from django.test import Client

from questionnaires.models import Draft, Response
from questionnaires.recording import new_draft, record_response
from questionnaires.tests.builders import questionnaire_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def page(opportunity_index):
    return questionnaire_page(opportunity_index)


def save_and_email(client, page):
    client.post(f"{page.url}respond/section-1/", {"visited": "yes", "visit-story": "Half", "action": "save"})
    sent = client.post(f"{page.url}respond/save/", {"email": "me@example.com"})
    assert "We have sent a link" in sent.content.decode()
    return re.search(r"(https?://\S+/respond/resume/\?t=\S+)", mail.outbox[-1].body).group(1)


def test_the_session_keeps_the_draft(client, page):
    reply = client.post(
        f"{page.url}respond/section-1/", {"visited": "yes", "visit-story": "Half", "action": "save"}
    )
    assert reply.url == f"{page.url}respond/save/"
    again = client.get(f"{page.url}respond/section-1/").content.decode()
    assert "Half" in again
    assert Client().get(f"{page.url}respond/section-1/").content.decode().count("Half") == 0


def test_an_emailed_link_resumes_the_draft_once(client, page):
    link = save_and_email(client, page)
    other = Client()
    opened = other.get(link)
    assert opened.status_code == 200 and "Continue my response" in opened.content.decode()
    token = link.split("t=", 1)[1]
    resumed = other.post(link, {"t": token})
    assert resumed.status_code == 302
    assert "Half" in other.get(f"{page.url}respond/section-1/").content.decode()
    reused = Client().post(link, {"t": token})
    assert reused.status_code == 410 and "already been used" in reused.content.decode()


def test_an_altered_link_is_refused_clearly(client, page):
    link = save_and_email(client, page)
    token = link.split("t=", 1)[1]
    altered = token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb")
    for t in [altered, "", "x" * 5000, "<script>"]:
        reply = Client().post(f"{page.url}respond/resume/", {"t": t})
        assert reply.status_code == 400 and "does not work" in reply.content.decode()


def test_an_expired_link_is_refused_clearly(client, page):
    link = save_and_email(client, page)
    token = link.split("t=", 1)[1]
    with mock.patch("time.time", return_value=10**11):
        reply = Client().post(f"{page.url}respond/resume/", {"t": token})
    assert reply.status_code == 410 and "expired" in reply.content.decode()


def test_a_link_for_one_questionnaire_never_opens_another(client, page, opportunity_index):
    link = save_and_email(client, page)
    token = link.split("t=", 1)[1]
    other = questionnaire_page(opportunity_index, title="Another survey")
    reply = Client().post(f"{other.url}respond/resume/", {"t": token})
    assert reply.status_code == 400


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_same_draft_submitted_twice_at_once_gives_one_response(opportunity_index):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL, where two submits really run at once (SQLite serialises writers)")
    page = questionnaire_page(opportunity_index)
    draft = new_draft(page, answers={"visited": "no"})
    barrier = threading.Barrier(4)
    results = []

    def submit():
        from django.db import connection as thread_connection

        try:
            barrier.wait()
            results.append(
                record_response(page, answers=draft.answers, draft=Draft.objects.get(pk=draft.pk)).pk
            )
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=submit) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 4 and len(set(results)) == 1
    assert Response.objects.filter(draft=draft).count() == 1
