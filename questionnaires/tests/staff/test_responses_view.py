"""The Responses view: who reaches it, the counts, the list, one response in full, and marking."""

import datetime

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry, PageLogEntry

from questionnaires import synthetic
from questionnaires.models import Response
from questionnaires.tests.staff.conftest import aware
from questionnaires.tests.staff.helpers import respond

pytestmark = pytest.mark.django_db


def urls(page, response):
    return [
        reverse("questionnaires_opportunities"),
        reverse("questionnaires_responses", args=[page.pk]),
        reverse("questionnaires_response", args=[response.pk]),
        reverse("questionnaires_export", args=[page.pk]),
        reverse("questionnaires_enter", args=[page.pk]),
    ]


@pytest.mark.parametrize("role", ["editor", "equality", "clinical", "lay", "governing"])
def test_other_roles_are_refused_everywhere(client, users, consultation, role):
    response = respond(consultation, email="pat@example.com")
    client.force_login(users[role])
    for url in urls(consultation, response):
        answer = client.get(url)
        assert answer.status_code in (302, 403), url
        assert b"tandem" not in answer.content
    marked = client.post(reverse("questionnaires_mark", args=[response.pk]), {"status": "withdrawn"})
    assert marked.status_code in (302, 403)
    assert Response.objects.get(pk=response.pk).status == "received"
    assert not ModelLogEntry.objects.filter(action__startswith="questionnaires.").exists()


def test_anonymous_visitors_are_sent_to_sign_in(client, consultation):
    response = respond(consultation)
    for url in urls(consultation, response):
        answer = client.get(url)
        assert answer.status_code == 302 and answer["Location"].startswith("/admin/login/")


@pytest.mark.parametrize("role", ["engagement", "admin"])
def test_the_engagement_team_and_superusers_see_responses(client, users, consultation, role):
    response = respond(consultation)
    client.force_login(users[role])
    for url in urls(consultation, response):
        assert client.get(url).status_code == 200, url


def test_the_reports_menu_and_page_menus_offer_responses_to_the_team_only(client, users, consultation):
    respond(consultation)
    index = reverse("questionnaires_responses", args=[consultation.pk])
    edit = reverse("wagtailadmin_pages:edit", args=[consultation.pk])
    client.force_login(users["engagement"])
    assert "Questionnaire responses" in client.get(reverse("wagtailadmin_home")).content.decode()
    assert index in client.get(edit).content.decode()
    client.force_login(users["editor"])
    assert "Questionnaire responses" not in client.get(reverse("wagtailadmin_home")).content.decode()
    assert index not in client.get(edit).content.decode()


def test_the_list_counts_by_channel_status_and_week(engagement_client, consultation):
    monday = datetime.date(2026, 3, 2)
    respond(consultation, channel="online", submitted_at=aware(monday))
    respond(consultation, channel="paper", submitted_at=aware(monday + datetime.timedelta(days=2)))
    late = respond(consultation, channel="phone", submitted_at=aware(monday + datetime.timedelta(days=8)))
    Response.objects.filter(pk=late.pk).update(status="duplicate")
    page = engagement_client.get(reverse("questionnaires_responses", args=[consultation.pk]))
    html = page.content.decode()
    counts = dict(page.context["summary"]["by_channel"])
    assert counts == {"Online": 1, "Paper": 1, "Email": 0, "Phone": 1, "Event": 0}
    assert dict(page.context["summary"]["by_status"])["Duplicate"] == 1
    assert page.context["weeks"] == [(monday, 2), (monday + datetime.timedelta(days=7), 1)]
    assert "2 March 2026" in html and "9 March 2026" in html
    assert late.reference in html


@pytest.mark.parametrize("count", [10, 500])
def test_the_list_takes_the_same_queries_whatever_the_number(
    engagement_client, consultation, count, django_assert_num_queries
):
    now = aware(datetime.date.today())
    synthetic.create(consultation, count, seed=count, start=now - datetime.timedelta(days=60), end=now)
    url = reverse("questionnaires_responses", args=[consultation.pk])
    engagement_client.get(url)  # the session and the user, loaded once
    with django_assert_num_queries(LIST_QUERIES):
        page = engagement_client.get(url)
    assert page.context["summary"]["total"] == count
    assert len(page.context["page_obj"].object_list) == min(count, 50)


# Session, user, groups (the Engagement team check), the page, the summary, the weeks, the rows,
# the log entry with its checks, and Wagtail's admin chrome (menus, permissions): the same at any size.
LIST_QUERIES = 24


def test_one_response_in_full_in_question_order(engagement_client, consultation):
    response = respond(
        consultation, about_you={"age_band": "25_34"} if False else {}, email="pat@example.com"
    )
    page = engagement_client.get(reverse("questionnaires_response", args=[response.pk]))
    keys = [key for key, _label, _answer in page.context["answers"]]
    assert keys == ["fft", "used-111", "travel", "district", "agree", "why", "comments", "visits"]
    answers = {key: answer for key, _label, answer in page.context["answers"]}
    assert answers["fft"] == "Good"
    assert answers["travel"] == "Other (please say): By tandem with my neighbour"
    assert "Overall, how was your experience of urgent care?" in page.content.decode()


def test_marking_a_response_changes_its_status_and_is_audited(engagement_client, users, consultation):
    response = respond(consultation, email="pat@example.com")
    url = reverse("questionnaires_mark", args=[response.pk])
    assert engagement_client.get(url).status_code == 405
    answer = engagement_client.post(url, {"status": "withdrawn"})
    assert answer.status_code == 302
    assert Response.objects.get(pk=response.pk).status == "withdrawn"
    entry = ModelLogEntry.objects.get(action="questionnaires.mark")
    assert entry.user == users["engagement"]
    assert entry.data == {"from": "received", "to": "withdrawn"}
    assert entry.label == f"Response {response.reference}"


@pytest.mark.parametrize(
    "status", ["", "deleted", "<script>alert(1)</script>", "received' OR 1=1", "x" * 5000]
)
def test_marking_with_nonsense_changes_nothing(engagement_client, consultation, status):
    response = respond(consultation)
    answer = engagement_client.post(
        reverse("questionnaires_mark", args=[response.pk]), {"status": status}, follow=True
    )
    assert answer.status_code == 200
    assert "<script>alert(1)</script>" not in answer.content.decode()
    assert Response.objects.get(pk=response.pk).status == "received"
    assert not ModelLogEntry.objects.filter(action="questionnaires.mark").exists()


def test_marking_needs_the_csrf_token(client, users, consultation):
    from django.test import Client

    response = respond(consultation)
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(users["engagement"])
    answer = strict.post(reverse("questionnaires_mark", args=[response.pk]), {"status": "withdrawn"})
    assert answer.status_code == 403
    assert Response.objects.get(pk=response.pk).status == "received"


def test_every_look_is_logged_without_personal_data(engagement_client, consultation):
    response = respond(consultation, email="pat@example.com", about_you={"age_band": "prefer_not"})
    engagement_client.get(reverse("questionnaires_responses", args=[consultation.pk]))
    engagement_client.get(reverse("questionnaires_response", args=[response.pk]))
    engagement_client.get(reverse("questionnaires_export", args=[consultation.pk]) + "?format=csv")
    engagement_client.get(reverse("questionnaires_export", args=[consultation.pk]) + "?format=xlsx")
    engagement_client.post(reverse("questionnaires_mark", args=[response.pk]), {"status": "duplicate"})
    page_entries = PageLogEntry.objects.filter(page=consultation, action__startswith="questionnaires.")
    assert sorted(page_entries.values_list("action", flat=True)) == [
        "questionnaires.export",
        "questionnaires.export",
        "questionnaires.list",
    ]
    assert {entry.data.get("responses") for entry in page_entries} == {1}
    model_entries = ModelLogEntry.objects.filter(action__startswith="questionnaires.")
    assert sorted(model_entries.values_list("action", flat=True)) == [
        "questionnaires.mark",
        "questionnaires.view",
    ]
    logged = repr([(e.label, e.data, e.action) for e in [*page_entries, *model_entries]])
    for private in ["pat@example.com", "tandem", "Quillfeather", "07700", "NG18", "prefer_not"]:
        assert private not in logged
    # The page's history shows them, in words.
    history = engagement_client.get(reverse("wagtailadmin_pages:history", args=[consultation.pk]))
    assert "Responses listed" in history.content.decode()
