"""Who looked at the register and the feedback is in Wagtail's audit log, by reference, never by name."""

import html
import json
import sys

import pytest
from django.core.signals import got_request_exception
from django.views.debug import ExceptionReporter
from wagtail.models import ModelLogEntry, PageLogEntry

from involvement.forms import FeedbackForm, RegisterForm
from involvement.models import ParticipationMethod
from involvement.tests.factories import FeedbackFactory, MemberFactory
from pages.tests.factories import OpportunityPageFactory
from workflows.tests.evidence import publish_signed_off

EMAIL = "ines.vandermolen@example.com"


@pytest.fixture
def member(topics):
    return MemberFactory(name="Ines Vandermolen", email=EMAIL, phone="01632 960 555", topics=[topics[0]])


@pytest.fixture
def feedback(db):
    return FeedbackFactory(name="Ines V", email=EMAIL, consent_to_contact=True)


def entries(action):
    return list(ModelLogEntry.objects.filter(action=action).order_by("pk"))


def assert_no_personal_data(entry):
    text = f"{entry.label} {json.dumps(entry.data)}".lower()
    assert "ines" not in text and "vandermolen" not in text and "960 555" not in text


@pytest.mark.django_db
def test_opening_a_member_records_who_and_which_member_but_not_their_details(client, engagement_user, member):
    client.force_login(engagement_user)
    assert client.get(f"/admin/involvement/member/inspect/{member.pk}/").status_code == 200
    assert client.get(f"/admin/involvement/member/edit/{member.pk}/").status_code == 200

    views = entries("involvement.view")
    assert [(e.user, e.label, e.object_id) for e in views] == [
        (engagement_user, f"Member {member.pk}", str(member.pk))
    ] * 2
    for entry in views:
        assert_no_personal_data(entry)
    # The member's history in the site history report says who looked, without the name.
    client.force_login(engagement_user)
    report = client.get("/admin/reports/site-history/")
    assert report.status_code == 200
    content = report.content.decode()
    assert "Personal data viewed" in content and "Vandermolen" not in content


@pytest.mark.django_db
def test_opening_feedback_is_recorded(client, engagement_user, feedback):
    client.force_login(engagement_user)
    assert client.get(f"/admin/involvement/feedback/edit/{feedback.pk}/").status_code == 200
    [entry] = entries("involvement.view")
    assert (entry.user, entry.label) == (engagement_user, f"Comment {feedback.pk}")
    assert_no_personal_data(entry)


@pytest.mark.django_db
def test_exporting_the_register_is_recorded_without_the_search(client, engagement_user, member, superuser):
    client.force_login(engagement_user)
    response = client.get("/admin/involvement/member/", {"export": "csv", "q": "vandermolen"})
    assert response.status_code == 200 and EMAIL in b"".join(response.streaming_content).decode()
    client.get("/admin/involvement/member/", {"export": "xlsx"})

    csv, xlsx = entries("involvement.export")
    assert (csv.user, csv.label, csv.data) == (
        engagement_user,
        "Involvement register",
        {"format": "csv", "rows": 1, "filtered": True},
    )
    assert xlsx.data == {"format": "xlsx", "rows": 1, "filtered": False}
    assert_no_personal_data(csv)
    # Wagtail's report lists it even though it names no single member.
    client.force_login(superuser)
    report = client.get("/admin/reports/site-history/")
    assert report.status_code == 200 and "Register exported" in report.content.decode()


@pytest.mark.django_db
def test_listing_the_register_is_recorded_without_the_search(client, engagement_user, member):
    client.force_login(engagement_user)
    response = client.get("/admin/involvement/member/", {"q": "vandermolen"})
    assert response.status_code == 200 and "Vandermolen" in response.content.decode()
    client.get("/admin/involvement/member/")

    searched, plain = entries("involvement.list")
    assert (searched.user, searched.label, searched.data) == (
        engagement_user,
        "Involvement register",
        {"page": 1, "shown": 1, "filtered": True},
    )
    assert plain.data == {"page": 1, "shown": 1, "filtered": False}
    assert_no_personal_data(searched)


@pytest.mark.django_db
def test_looking_up_matching_members_is_in_the_opportunitys_history(
    client, engagement_user, member, opportunity_index, topics
):
    page = OpportunityPageFactory(parent=opportunity_index, title="Urgent care survey")
    page.topics.set([topics[0]])
    publish_signed_off(page)
    client.force_login(engagement_user)
    response = client.get(f"/admin/involvement/opportunity/{page.pk}/matches/")
    assert response.status_code == 200 and "Ines Vandermolen" in response.content.decode()
    [entry] = PageLogEntry.objects.filter(action="involvement.matches")
    assert (entry.user, entry.page_id) == (engagement_user, page.pk)
    history = client.get(f"/admin/pages/{page.pk}/history/").content.decode()
    assert "Matching register members viewed" in history


@pytest.mark.django_db
def test_erasing_in_the_admin_is_recorded_by_reference(client, engagement_user, member):
    client.force_login(engagement_user)
    client.post(f"/admin/involvement/member/erase/{member.pk}/")
    [entry] = entries("involvement.erase")
    assert (entry.user, entry.label) == (engagement_user, f"Member {member.pk}")


@pytest.mark.django_db
def test_nothing_is_recorded_for_someone_turned_away(client, editor_user, member, feedback):
    client.force_login(editor_user)
    for url in [
        f"/admin/involvement/member/inspect/{member.pk}/",
        f"/admin/involvement/member/edit/{member.pk}/",
        f"/admin/involvement/feedback/edit/{feedback.pk}/",
        "/admin/involvement/member/?export=csv",
    ]:
        assert client.get(url).status_code in (302, 403)
    assert not ModelLogEntry.objects.filter(action__startswith="involvement.").exists()


def failing_save(self, **kwargs):
    email = self.cleaned_data["email"]  # a local variable holding personal data
    raise RuntimeError(f"could not store the form ({len(email)})")


@pytest.mark.django_db
@pytest.mark.parametrize("form", ["register", "feedback"])
def test_error_reports_hide_what_was_posted(client, register_page, feedback_page, topics, monkeypatch, form):
    reports = []

    def report(sender, request, **kwargs):
        reporter = ExceptionReporter(request, *sys.exc_info())
        reports.append(reporter.get_traceback_text() + html.unescape(reporter.get_traceback_html()))

    monkeypatch.setattr(RegisterForm, "save", failing_save)
    monkeypatch.setattr(FeedbackForm, "save", failing_save)
    got_request_exception.connect(report)
    client.raise_request_exception = False
    try:
        if form == "register":
            url = "/get-involved/join/"
            data = {
                "name": "Ines Vandermolen",
                "email": EMAIL,
                "preferred_contact": "email",
                "topics": [str(topics[0].pk)],
                "methods": [str(ParticipationMethod.objects.first().pk)],
                "consent": "on",
                "privacy_revision": str(register_page.consent_record()[0] or ""),
            }
        else:
            url = "/share-your-experience/"
            data = {
                "kind": "comment",
                "service": "Example Road Surgery",
                "experience": "Ines Vandermolen waited a long time.",
                "consent_to_contact": "on",
                "name": "Ines Vandermolen",
                "email": EMAIL,
            }
        response = client.post(url, data)
    finally:
        got_request_exception.disconnect(report)
    assert response.status_code == 500
    [text] = reports
    assert "could not store the form" in text  # the report is about this error
    assert "email" in text and "********" in text  # the fields are listed, their values hidden
    assert EMAIL not in text and "Vandermolen" not in text
