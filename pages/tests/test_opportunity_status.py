"""An opportunity's public status comes from its dates and outcome, at the day boundaries."""

import pytest

from pages.models import OpportunityPage
from pages.models.opportunities import status_of
from pages.tests.factories import OpportunityPageFactory, YouSaidWeDidPageFactory, days, today

CASES = [
    ("opens today", days(0), days(10), "open"),
    ("closes today", days(-10), days(0), "open"),
    ("closed yesterday", days(-10), days(-1), "closed"),
    ("opens tomorrow", days(1), days(10), "upcoming"),
    ("no closing date", days(-10), None, "open"),
]


@pytest.mark.parametrize(("label", "opens", "closes", "expected"), CASES)
def test_status_from_dates(label, opens, closes, expected):
    assert status_of(opens, closes, has_outcome=False, today=today()) == expected


@pytest.mark.django_db
@pytest.mark.parametrize(("label", "opens", "closes", "expected"), CASES)
def test_database_status_agrees_with_the_page(label, opens, closes, expected, opportunity_index, client):
    page = OpportunityPageFactory(parent=opportunity_index, opens=opens, closes=closes)
    assert page.public_status == expected
    assert OpportunityPage.objects.with_status().get(pk=page.pk).status == expected
    expected_label = {"open": "Open", "closed": "Closed", "upcoming": "Upcoming"}[expected]
    assert f">{expected_label}</strong>" in client.get(page.url).content.decode()


@pytest.mark.django_db
def test_a_live_outcome_publishes_the_outcome(opportunity_index, outcome_index, client):
    page = OpportunityPageFactory(parent=opportunity_index, opens=days(-30), closes=days(-1))
    draft = YouSaidWeDidPageFactory(parent=outcome_index, opportunity=page, live=False)
    assert OpportunityPage.objects.with_status().get(pk=page.pk).status == "closed"
    html = client.get(page.url).content.decode()
    assert "We are considering what people told us" in html

    draft.save_revision().publish()
    assert OpportunityPage.objects.with_status().get(pk=page.pk).status == "outcome"
    page = OpportunityPage.objects.get(pk=page.pk)
    assert page.public_status == "outcome"
    html = client.get(page.url).content.decode()
    assert "Outcome published" in html
    assert draft.we_did_summary in html and draft.url in html


@pytest.mark.django_db
def test_outcome_is_expected_twelve_weeks_after_closing_unless_set(opportunity_index):
    import datetime

    page = OpportunityPageFactory(parent=opportunity_index, opens=days(-30), closes=days(-1))
    assert page.outcome_due == days(-1) + datetime.timedelta(weeks=12)
    page.outcome_expected = days(20)
    assert page.outcome_due == days(20)
