"""Coding free text: single and bulk tagging, double submits, theme counts, quotes and notes."""

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry, PageLogEntry

from analysis import coding, figures
from analysis.models import Coding, Note, Quote, Theme

pytestmark = pytest.mark.django_db


@pytest.fixture
def frame(answered, users):
    page, responses = answered
    waiting, _ = coding.add_theme(page, "Waiting times", user=users["engagement"])
    parking, _ = coding.add_theme(page, "Parking", "Getting there by car", user=users["engagement"])
    return page, responses, waiting, parking


def coding_url(page):
    return reverse("analysis_coding", args=[page.pk])


def test_coding_view_lists_one_answer_per_row_with_its_theme_checkboxes(frame, engagement_client):
    page, responses, waiting, _parking = frame
    html = engagement_client.get(coding_url(page), {"question": "why"}).content.decode()
    # Three counted responses answered "why" (the duplicate's answer is not analysed).
    assert html.count('name="rows"') == 3
    assert responses[0].reference in html and "The walk-in centre saved my evening." in html
    assert "Duplicate" not in html
    assert f'name="themes-{responses[0].pk}" value="{waiting.pk}"' in html


def test_ticking_themes_and_saving_codes_each_answer_once_even_if_submitted_twice(frame, engagement_client):
    page, responses, waiting, parking = frame
    first, second = responses[0], responses[1]
    data = {
        "question": "why",
        "show": "all",
        "action": "save",
        "rows": [first.pk, second.pk],
        f"themes-{first.pk}": [waiting.pk, parking.pk],
        f"themes-{second.pk}": [parking.pk],
    }
    for _ in range(2):  # a double submit
        assert engagement_client.post(coding_url(page), data).status_code == 302
    assert Coding.objects.filter(response=first).count() == 2
    assert Coding.objects.filter(response=second).count() == 1
    assert ModelLogEntry.objects.filter(action="analysis.code").count() == 2  # the repeat changed nothing
    # Unticking removes.
    data[f"themes-{first.pk}"] = [parking.pk]
    engagement_client.post(coding_url(page), data)
    assert list(Coding.objects.filter(response=first).values_list("theme__name", flat=True)) == ["Parking"]


def test_bulk_tagging_applies_a_theme_to_the_selected_rows_only(frame, engagement_client):
    page, responses, waiting, _parking = frame
    rows = [responses[0].pk, responses[1].pk, responses[3].pk]
    data = {"question": "why", "action": "bulk", "rows": rows, "selected": rows[:2], "bulk_theme": waiting.pk}
    engagement_client.post(coding_url(page), data)
    engagement_client.post(coding_url(page), data)  # twice: still once each
    tagged = set(Coding.objects.filter(theme=waiting).values_list("response_id", flat=True))
    assert tagged == set(rows[:2])
    assert PageLogEntry.objects.filter(action="analysis.bulk_code").count() == 1


def test_theme_counts_equal_the_hand_count(frame, users):
    page, responses, waiting, parking = frame
    coding.set_themes(page, responses[0], "why", [waiting.pk, parking.pk], user=users["engagement"])
    coding.set_themes(page, responses[1], "why", [parking.pk], user=users["engagement"])
    coding.set_themes(page, responses[3], "why", [waiting.pk], user=users["engagement"])
    # A theme on a response that is not counted (the duplicate) is not counted either.
    coding.set_themes(page, responses[5], "why", [waiting.pk], user=users["engagement"])
    by_key, _themes = figures.theme_counts(page, figures.analysed(page))
    assert [(theme.name, n) for theme, n in by_key["why"]] == [("Parking", 2), ("Waiting times", 2)]


def test_hostile_coding_posts_never_500_and_change_nothing(
    frame, engagement_client, opportunity_index, users
):
    page, responses, _waiting, _parking = frame
    posts = [
        {"question": "why", "action": "save", "rows": ["<script>"], f"themes-{responses[0].pk}": ["1"]},
        {
            "question": "why",
            "action": "save",
            "rows": [responses[0].pk],
            f"themes-{responses[0].pk}": ["abc"],
        },
        {
            "question": "why",
            "action": "save",
            "rows": [responses[0].pk],
            f"themes-{responses[0].pk}": ["999999"],
        },
        {
            "question": "why",
            "action": "bulk",
            "rows": [responses[0].pk],
            "selected": [responses[0].pk],
            "bulk_theme": "'; drop",
        },
        {"question": "../../etc", "action": "save", "rows": [responses[0].pk]},
        {"question": "why", "action": "save", "rows": [str(i) for i in range(100)]},
    ]
    for data in posts:
        response = engagement_client.post(coding_url(page), data)
        assert response.status_code == 302, data
    assert not Coding.objects.exists()
    html = engagement_client.get(coding_url(page), {"question": "<script>alert(1)</script>", "p": "-1"})
    assert html.status_code == 200 and "<script>alert(1)</script>" not in html.content.decode()


def test_a_theme_is_added_once_whatever_its_case(frame, engagement_client):
    page, _responses, _waiting, _parking = frame
    url = reverse("analysis_add_theme", args=[page.pk])
    for name in ("Opening hours", "opening  HOURS"):
        engagement_client.post(url, {"name": name, "question": "why"})
    assert Theme.objects.filter(opportunity=page, name__iexact="opening hours").count() == 1
    assert engagement_client.post(url, {"name": "", "question": "why"}).status_code == 302


def test_quotes_for_use_and_notes(frame, engagement_client):
    page, responses, _waiting, _parking = frame
    response = responses[0]
    url = reverse("analysis_response_change", args=[response.pk])
    data = {"action": "quote", "question": "why", "for_use": "yes", "excerpt": "saved my evening"}
    assert engagement_client.post(url, data).status_code == 302
    assert Quote.objects.get(response=response).excerpt == "saved my evening"
    refused = engagement_client.post(url, {**data, "excerpt": "a rewritten quote"})
    assert refused.status_code == 400
    assert "a rewritten quote" in refused.content.decode()  # what was typed is kept
    assert "word for word" in refused.content.decode()
    engagement_client.post(url, {"action": "note", "note": "Follow up with the <b>PPG</b>."})
    assert Note.objects.get(response=response).text == "Follow up with the <b>PPG</b>."
    page_html = engagement_client.get(reverse("analysis_response", args=[response.pk])).content.decode()
    assert "&lt;b&gt;PPG&lt;/b&gt;" in page_html and "Marked for use" in page_html
    engagement_client.post(url, {"action": "quote", "question": "why", "for_use": "no"})
    assert not Quote.objects.exists()
    assert ModelLogEntry.objects.filter(action__in=["analysis.quote", "analysis.note"]).count() == 3
