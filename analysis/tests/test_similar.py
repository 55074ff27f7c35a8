"""Near-identical answers are found in the background and shown for a person to decide."""

import random

import pytest
from django.core.management import call_command
from django.urls import reverse

from analysis import similar
from analysis.models import Cluster, ClusterMember, Decision
from questionnaires.counting import public_count
from questionnaires.models import Response
from questionnaires.recording import record_response

pytestmark = pytest.mark.django_db

CAMPAIGN = "Keep the walk-in centre open: it is the only place we can go in the evening!"


def test_groups_near_identical_texts_and_not_different_ones():
    texts = [
        similar.normalise(CAMPAIGN),
        similar.normalise("keep the walk in centre open, it is the only place we can go in the evening"),
        similar.normalise("Keep the walk-in centre open - it's the only place we can go in the evenings."),
        similar.normalise("Parking near the centre is difficult for disabled people."),
        similar.normalise("Staff were kind and explained everything clearly."),
    ]
    assert similar.similar_groups(texts) == [[0, 1, 2]]


def campaign(page, count=4):
    return [record_response(page, answers={"why": CAMPAIGN + ("" if i % 2 else " ")}) for i in range(count)]


def test_the_task_stores_clusters_and_a_rerun_keeps_decisions(answered, engagement_client):
    page, _responses = answered
    members = campaign(page)
    response = engagement_client.post(reverse("analysis_find_similar", args=[page.pk]))
    assert response.status_code == 302  # the immediate task backend ran it
    cluster = Cluster.objects.get(opportunity=page)
    assert set(ClusterMember.objects.filter(cluster=cluster).values_list("response_id", flat=True)) == {
        m.pk for m in members
    }
    html = engagement_client.get(reverse("analysis_similar", args=[page.pk])).content.decode()
    assert "4 similar answers" in html and members[0].reference in html
    engagement_client.post(reverse("analysis_decide", args=[cluster.pk]), {"decision": "campaign"})
    call_command("find_similar_responses", page.pk)
    assert Cluster.objects.filter(opportunity=page).count() == 1  # decided, so not found again
    assert Cluster.objects.get().decision == Decision.CAMPAIGN


def test_deciding_duplicate_marks_all_but_the_first_through_questionnaires(answered, engagement_client):
    page, _responses = answered
    members = campaign(page, 3)
    before = public_count(page.pk)
    similar.find_clusters(page)
    cluster = Cluster.objects.get()
    engagement_client.post(reverse("analysis_decide", args=[cluster.pk]), {"decision": "duplicate"})
    statuses = dict(Response.objects.filter(pk__in=[m.pk for m in members]).values_list("pk", "status"))
    assert statuses == {members[0].pk: "received", members[1].pk: "duplicate", members[2].pk: "duplicate"}
    assert public_count(page.pk) == before - 2
    bad = engagement_client.post(reverse("analysis_decide", args=[cluster.pk]), {"decision": "<b>maybe</b>"})
    assert bad.status_code == 302


def test_thousands_of_distinct_answers_of_similar_length():
    rng = random.Random(4)
    words = "wait phone bus parking evening staff kind centre walk open doctor nurse appointment".split()
    texts = [similar.normalise(" ".join(rng.choice(words) for _ in range(12))) for _ in range(2_000)]
    groups = similar.similar_groups(texts)
    assert all(len(group) >= 2 for group in groups)
