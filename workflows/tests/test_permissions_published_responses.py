"""Who can moderate published responses and sign them off, through the admin's real addresses.

The same rule as the rest of the permission matrix (permission_matrix.py): ALLOWED is the reference;
every other role is refused, and each refusal is checked for the answer and for the absence of any
effect. Moderation is for the Engagement team (and superusers, as for the Responses views); a
publication goes live only by Editorial review's approval, which the Engagement team gives to a set
someone else prepared; nobody publishes one by hand, superusers included.
"""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from core import roles
from pages.tests.factories import today
from published_responses.models import Decision, ModeratedResponse, ResponsePublication
from published_responses.tests.helpers import consultation_stream, publish, respond, submit
from questionnaires.tests.builders import questionnaire_page

ANONYMOUS = "anonymous visitor"
SUPERUSER = "superuser"
ROLES = [ANONYMOUS, *roles.ROLES, SUPERUSER]
MODERATORS = {roles.ENGAGEMENT_TEAM, SUPERUSER}

ALLOWED = {
    "see the moderation queue": MODERATORS,
    "publish or decline a response": MODERATORS,
    "redact a response": MODERATORS,
    "send the published set to Editorial review": MODERATORS,
    "approve the published set at Editorial review": {roles.ENGAGEMENT_TEAM},
    "publish the set by hand in the snippet editor": set(),
}

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting(opportunity_index):
    """A closed consultation with one consented response, prepared by one Engagement team member."""
    User = get_user_model()
    preparer = User.objects.create_user("preparer", "preparer@example.org", "pw")
    preparer.groups.add(Group.objects.get(name=roles.ENGAGEMENT_TEAM))
    page = questionnaire_page(
        opportunity_index,
        consultation_stream(),
        slug="closed",
        opens=today() - datetime.timedelta(days=90),
        closes=today() - datetime.timedelta(days=1),
    )
    response = respond(page, "anonymously", why="Secret Name told me")
    return {"page": page, "response": response, "preparer": preparer}


def sign_in(client, role):
    if role == ANONYMOUS:
        return None
    User = get_user_model()
    if role == SUPERUSER:
        user = User.objects.create_superuser("root", "root@example.org", "pw")
    else:
        user = User.objects.create_user("actor", "actor@example.org", "pw")
        user.groups.add(Group.objects.get(name=role))
    client.force_login(user)
    return user


def refused(answer):
    """A refusal: 403, a redirect to log in (signed out), or Wagtail's refusal: back to the dashboard."""
    if answer.status_code == 403:
        return True
    return answer.status_code == 302 and ("/login/" in answer["Location"] or answer["Location"] == "/admin/")


def see_queue(client, s):
    answer = client.get(reverse("published_responses_queue", args=[s["page"].pk]))
    return answer.status_code == 200 and s["response"].reference in answer.content.decode(), answer


def decide(client, s):
    url = reverse("published_responses_decide", args=[s["page"].pk, s["response"].pk])
    answer = client.post(url, {"decision": Decision.PUBLISHED})
    return ModeratedResponse.objects.filter(
        response=s["response"], decision=Decision.PUBLISHED
    ).exists(), answer


def redact(client, s):
    url = reverse("published_responses_redact", args=[s["page"].pk, s["response"].pk])
    answer = client.post(url, {"question": "why", "phrase": "Secret Name", "reason": "A name"})
    row = ModeratedResponse.objects.filter(response=s["response"]).first()
    return row is not None and "Secret Name" not in str(row.texts), answer


def send(client, s):
    publish(s["page"], s["response"], s["preparer"])
    answer = client.post(reverse("published_responses_submit", args=[s["page"].pk]))
    return ResponsePublication.objects.filter(opportunity=s["page"]).exists(), answer


def approve(client, s):
    publish(s["page"], s["response"], s["preparer"])
    publication = submit(s["page"], s["preparer"])
    task_state = publication.current_workflow_task_state
    url = reverse(
        "wagtailsnippets_published_responses_responsepublication:workflow_action",
        args=[publication.pk, "approve", task_state.pk],
    )
    answer = client.post(url, {"comment": "Checked"})
    publication.refresh_from_db()
    return publication.live, answer


def publish_by_hand(client, s):
    publish(s["page"], s["response"], s["preparer"])
    publication = submit(s["page"], s["preparer"])
    url = reverse("wagtailsnippets_published_responses_responsepublication:edit", args=[publication.pk])
    answer = client.post(
        url, {"title": publication.title, "introduction": "", "action-publish": "action-publish"}
    )
    publication.refresh_from_db()
    return publication.live, answer


MODERATION = {
    "see the moderation queue",
    "publish or decline a response",
    "redact a response",
    "send the published set to Editorial review",
}
ACTIONS = {
    "see the moderation queue": see_queue,
    "publish or decline a response": decide,
    "redact a response": redact,
    "send the published set to Editorial review": send,
    "approve the published set at Editorial review": approve,
    "publish the set by hand in the snippet editor": publish_by_hand,
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", list(ALLOWED))
def test_permission_matrix(client, setting, action, role):
    sign_in(client, role)
    done, answer = ACTIONS[action](client, setting)
    if role in ALLOWED[action]:
        assert done, f"{role} should be able to {action}"
        assert answer.status_code in (200, 302)
    else:
        assert not done, f"{role} must not be able to {action}"
        assert answer.status_code != 500
        if action in MODERATION:
            assert refused(answer), answer.status_code
