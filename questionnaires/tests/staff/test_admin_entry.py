"""Staff enter paper, email, phone and event responses through the same questions as online."""

import datetime

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from pages.tests.factories import today
from questionnaires.models import Response
from questionnaires.tests.builders import questionnaire_page
from questionnaires.tests.staff.conftest import consultation_stream

pytestmark = pytest.mark.django_db


def entry(**fields):
    data = {
        "entry-channel": "paper",
        "entry-received_on": today().isoformat(),
        "entry-received_at": "",
        "entry-email": "",
        "entry-privacy_notice": "paper form v2, March 2026",
        "fft": "good",
        "used-111": "no",
        "why": "The phone line was engaged",
        "comments": "Thank you",
    }
    data.update(fields)
    return {key: value for key, value in data.items() if value is not None}


def test_a_paper_response_is_recorded_with_its_channel_and_who_entered_it(
    engagement_client, users, consultation
):
    url = reverse("questionnaires_enter", args=[consultation.pk])
    form = engagement_client.get(url)
    assert form.status_code == 200
    assert "Overall, how was your experience of urgent care?" in form.content.decode()
    answer = engagement_client.post(url, entry(**{"entry-about_you_age_band": "prefer_not"}))
    response = Response.objects.get()
    assert answer.status_code == 302
    assert answer["Location"] == reverse("questionnaires_response", args=[response.pk])
    assert response.channel == "paper" and response.entered_by == users["engagement"]
    assert response.answers == {
        "fft": "good",
        "used-111": "no",
        "why": "The phone line was engaged",
        "comments": "Thank you",
    }
    assert response.about_you == {"age_band": "prefer_not"}
    assert response.consent_version == "paper form v2, March 2026"
    assert response.revision_id == consultation.live_revision_id and not response.late
    entry_log = ModelLogEntry.objects.get(action="questionnaires.enter")
    assert entry_log.data == {"channel": "paper", "late": False}


def test_a_response_received_after_the_closing_day_is_marked_late(engagement_client, opportunity_index):
    page = questionnaire_page(
        opportunity_index,
        consultation_stream(),
        opens=today() - datetime.timedelta(days=90),
        closes=today() - datetime.timedelta(days=2),
    )
    url = reverse("questionnaires_enter", args=[page.pk])
    on_time = (today() - datetime.timedelta(days=2)).isoformat()
    after = (today() - datetime.timedelta(days=1)).isoformat()
    engagement_client.post(url, entry(**{"entry-received_on": on_time, "entry-received_at": "23:59"}))
    engagement_client.post(url, entry(**{"entry-received_on": after, "entry-received_at": "00:01"}))
    assert list(Response.objects.order_by("submitted_at").values_list("late", flat=True)) == [False, True]


def test_errors_keep_everything_typed(engagement_client, consultation):
    url = reverse("questionnaires_enter", args=[consultation.pk])
    answer = engagement_client.post(
        url,
        entry(
            fft="",
            comments="Kept after the error",
            **{"entry-email": "not an address", "entry-channel": "email"},
        ),
    )
    html = answer.content.decode()
    assert answer.status_code == 200 and not Response.objects.exists()
    assert "This response could not be saved" in html
    assert "Kept after the error" in html and "not an address" in html
    assert answer.context["details"]["channel"].value() == "email"


HOSTILE = [
    "<script>alert('x')</script>",
    "\x00\x01\x02",
    "' OR 1=1 --",
    "{{ settings.SECRET_KEY }}",
    "x" * 20000,
    "\u202eevil",
    "%00%0d%0a",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_input_never_breaks_the_entry_form(engagement_client, consultation, text):
    url = reverse("questionnaires_enter", args=[consultation.pk])
    fields = {
        "comments": text,
        "why": text,
        "fft": text,
        "district": text,
        "visits": text,
        "entry-channel": text,
        "entry-received_on": text,
        "entry-received_at": text,
        "entry-email": text,
        "entry-about_you_gender": text,
    }
    answer = engagement_client.post(url, entry(**fields))
    assert answer.status_code in (200, 302)
    assert "<script>alert('x')</script>" not in answer.content.decode()
    assert (
        "SECRET_KEY" not in answer.content.decode() or "{{ settings.SECRET_KEY }}" in answer.content.decode()
    )


def test_online_is_not_a_channel_staff_can_choose(engagement_client, consultation):
    url = reverse("questionnaires_enter", args=[consultation.pk])
    answer = engagement_client.post(url, entry(**{"entry-channel": "online"}))
    assert answer.status_code == 200 and not Response.objects.exists()


def test_a_date_received_in_the_future_is_refused(engagement_client, consultation):
    url = reverse("questionnaires_enter", args=[consultation.pk])
    tomorrow = (today() + datetime.timedelta(days=2)).isoformat()
    answer = engagement_client.post(url, entry(**{"entry-received_on": tomorrow}))
    assert answer.status_code == 200 and not Response.objects.exists()
    assert "cannot be in the future" in answer.content.decode()


def test_about_you_on_paper_needs_the_privacy_notice_the_person_was_given(engagement_client, consultation):
    url = reverse("questionnaires_enter", args=[consultation.pk])
    refused = engagement_client.post(
        url, entry(**{"entry-about_you_age_band": "prefer_not", "entry-privacy_notice": "  "})
    )
    html = refused.content.decode()
    assert refused.status_code == 200 and not Response.objects.exists()
    assert "Say which privacy notice the person was given" in html
    assert "The phone line was engaged" in html  # what was typed is kept


def test_the_privacy_notice_starts_with_the_one_online_and_may_be_left_out_without_about_you(
    engagement_client, consultation, monkeypatch
):
    monkeypatch.setattr(
        "questionnaires.admin_views.privacy_notice", lambda: (None, "Privacy notice (revision 7)")
    )
    url = reverse("questionnaires_enter", args=[consultation.pk])
    assert 'value="Privacy notice (revision 7)"' in engagement_client.get(url).content.decode()
    assert engagement_client.post(url, entry(**{"entry-privacy_notice": ""})).status_code == 302
    assert Response.objects.get().consent_version == ""
