"""Only consented responses, with their redactions, after closing, once Editorial review approves."""

import pytest
from django.utils import timezone
from wagtail.models import ModelLogEntry

from published_responses import moderation
from published_responses.exceptions import ModerationRefused, PublicationNotApproved
from published_responses.models import REDACTED, ModeratedResponse
from published_responses.tests.helpers import approve, decline, publish, respond, responses_url, submit
from questionnaires.models import Response, ResponseStatus

pytestmark = pytest.mark.django_db


def test_consented_responses_are_listed_after_approval_with_redactions(client, consultation, users):
    named = respond(consultation, "with_name", name="Sam Okafor", why="Nurse Jo Bloggs on ward 3 was kind")
    anonymous = respond(consultation, "anonymously", why="Parking was impossible")
    refused = respond(consultation, "no", why="I do not want this shown")
    silent = respond(consultation, consent="", why="I never answered the consent question")
    engagement, reviewer = users["engagement"], users["reviewer"]
    for response in (named, anonymous):
        publish(consultation, response, engagement)
    for response in (refused, silent):
        with pytest.raises(ModerationRefused):
            publish(consultation, response, engagement)
    moderation.redact(consultation, named.pk, "why", "Jo Bloggs", "Names a member of staff", engagement)

    publication = submit(consultation, engagement)
    assert client.get(responses_url(consultation)).status_code == 404  # not approved yet
    approve(publication, reviewer)
    assert publication.live

    page = client.get(responses_url(consultation))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Sam Okafor" in text and f"Nurse {REDACTED} on ward 3 was kind" in text
    assert "Jo Bloggs" not in text
    assert "Parking was impossible" in text
    assert "I do not want this shown" not in text and "never answered" not in text
    # The response keeps the original for analysis.
    assert "Jo Bloggs" in Response.objects.get(pk=named.pk).answers["why"]
    # The opportunity page links to them.
    assert responses_url(consultation) in client.get(consultation.url).content.decode()


def test_the_redaction_reason_is_logged_never_the_text(consultation, users):
    response = respond(consultation, "anonymously", why="My neighbour Pat Quill told me")
    moderation.redact(consultation, response.pk, "why", "Pat Quill", "Names a neighbour", users["engagement"])
    entry = ModelLogEntry.objects.get(action="published_responses.redact")
    assert entry.data["reason"] == "Names a neighbour"
    assert "Pat Quill" not in str(entry.data) and "Pat Quill" not in entry.label


def test_nothing_before_the_opportunity_closes(client, open_consultation, users):
    response = respond(open_consultation, "anonymously", why="Shown only after closing")
    publish(open_consultation, response, users["engagement"])
    approve(submit(open_consultation, users["engagement"]), users["reviewer"])
    assert client.get(responses_url(open_consultation)).status_code == 404
    assert "Shown only after closing" not in client.get(open_consultation.url).content.decode()
    assert responses_url(open_consultation) not in client.get(open_consultation.url).content.decode()


def test_decline_redaction_and_withdrawal_hide_a_response_at_once(client, consultation, users):
    kept = respond(consultation, "anonymously", why="This one stays")
    declined = respond(consultation, "anonymously", why="Declined later")
    redacted = respond(consultation, "anonymously", why="Redacted later: Ann Example")
    withdrawn = respond(consultation, "anonymously", why="Withdrawn later")
    for response in (kept, declined, redacted, withdrawn):
        publish(consultation, response, users["engagement"])
    approve(submit(consultation, users["engagement"]), users["reviewer"])
    assert "Declined later" in client.get(responses_url(consultation)).content.decode()

    decline(consultation, declined, users["engagement"])
    moderation.redact(consultation, redacted.pk, "why", "Ann Example", "A name", users["engagement"])
    Response.objects.filter(pk=withdrawn.pk).update(status=ResponseStatus.WITHDRAWN)
    text = client.get(responses_url(consultation)).content.decode()
    assert "This one stays" in text
    assert "Declined later" not in text and "Redacted later" not in text and "Withdrawn later" not in text


def test_a_version_not_approved_never_goes_live(consultation, users):
    response = respond(consultation, "anonymously")
    publish(consultation, response, users["engagement"])
    publication = submit(consultation, users["engagement"])
    with pytest.raises(PublicationNotApproved):
        publication.get_latest_revision().publish(user=users["reviewer"])
    publication.refresh_from_db()
    assert not publication.live


def test_the_submitter_cannot_approve_their_own_set(consultation, users):
    from workflows.exceptions import SignOffRefused

    response = respond(consultation, "anonymously")
    publish(consultation, response, users["engagement"])
    publication = submit(consultation, users["engagement"])
    with pytest.raises(SignOffRefused):
        approve(publication, users["engagement"])
    publication.refresh_from_db()
    assert not publication.live


def test_a_new_version_after_approval_waits_for_its_own_approval(client, consultation, users):
    first = respond(consultation, "anonymously", why="Approved first")
    publish(consultation, first, users["engagement"])
    publication = approve(submit(consultation, users["engagement"]), users["reviewer"])
    second = respond(consultation, "anonymously", why="Added after approval")
    publish(consultation, second, users["engagement"])
    submit(consultation, users["engagement"])
    text = client.get(responses_url(consultation)).content.decode()
    assert "Approved first" in text and "Added after approval" not in text
    approve(publication, users["reviewer"])
    assert "Added after approval" in client.get(responses_url(consultation)).content.decode()


def test_double_decisions_decide_once(consultation, users):
    response = respond(consultation, "anonymously")
    publish(consultation, response, users["engagement"])
    publish(consultation, response, users["engagement"])
    assert ModeratedResponse.objects.filter(response=response).count() == 1
    assert ModelLogEntry.objects.filter(action="published_responses.publish").count() == 1


def test_erasure_removes_every_published_copy(client, consultation, users):
    from questionnaires.retention import redact

    response = respond(consultation, "with_name", name="Erin Erased", why="Please forget me later")
    publish(consultation, response, users["engagement"])
    publication = approve(submit(consultation, users["engagement"]), users["reviewer"])
    redact(Response.objects.filter(pk=response.pk), reason="request")
    assert client.get(responses_url(consultation)).status_code == 404
    publication.refresh_from_db()
    assert "Erin Erased" not in str(publication.entries)
    assert all("Erin Erased" not in str(revision.content) for revision in publication.revisions.all())
    assert not ModeratedResponse.objects.filter(response=response).exists()
    assert timezone.now()  # the response itself keeps its choices (questionnaires/retention.py)


def test_the_queue_and_the_redaction_form_for_staff(client, consultation, users):
    response = respond(consultation, "with_name", name="Quinn", why="Dr Who was great")
    respond(consultation, "no", why="Never listed here")
    client.force_login(users["engagement"])
    queue = client.get(f"/admin/published-responses/{consultation.pk}/")
    assert queue.status_code == 200
    text = queue.content.decode()
    assert response.reference in text and "Quinn" in text and "Never listed here" not in text

    url = f"/admin/published-responses/{consultation.pk}/{response.pk}/redact/"
    wrong = client.post(url, {"question": "why", "phrase": "Dr Nobody", "reason": "A doctor's name"})
    assert wrong.status_code == 200
    assert "That text is not in the answer" in wrong.content.decode()
    assert "A doctor&#x27;s name" in wrong.content.decode()  # what was typed is kept
    missing = client.post(url, {"question": "why", "phrase": "", "reason": ""})
    assert "Enter the text to redact" in missing.content.decode()
    done = client.post(url, {"question": "why", "phrase": "Dr Who", "reason": "A doctor's name"})
    assert done.status_code == 302
    assert f"{REDACTED} was great" in client.get(url).content.decode()


def test_the_snippet_editor_offers_no_publish_button_to_the_engagement_team(client, consultation, users):
    response = respond(consultation, "anonymously")
    publish(consultation, response, users["engagement"])
    publication = submit(consultation, users["engagement"])
    client.force_login(users["reviewer"])
    edit = client.get(f"/admin/snippets/published_responses/responsepublication/edit/{publication.pk}/")
    assert edit.status_code == 200
    assert 'name="action-publish"' not in edit.content.decode()
