"""The get-involved and 'You said, We did' listings: filters, order, paging, cost and bad input."""

import datetime
import itertools
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pages.models import YouSaidWeDidAction
from pages.tests.factories import (
    AudienceFactory,
    OpportunityPageFactory,
    TopicFactory,
    YouSaidWeDidPageFactory,
    days,
)


def titles(html):
    return re.findall(r'class="nhsuk-card__link" href="[^"]*">([^<]+)</a>', html)


def count_heading(html):
    return re.search(r'id="results-heading"[^>]*>\s*(\d+)', html).group(1)


@pytest.fixture
def mixed(opportunity_index, outcome_index):
    """Opportunities in every status, with topics, audiences and types to filter on."""
    urgent = TopicFactory(name="Urgent care")
    maternity = TopicFactory(name="Maternity")
    carers = AudienceFactory(name="Carers")
    pages = {
        "open-late": OpportunityPageFactory(
            parent=opportunity_index, title="Open, closes late", closes=days(30)
        ),
        "open-soon": OpportunityPageFactory(
            parent=opportunity_index, title="Open, closes soon", closes=days(2), opportunity_type="event"
        ),
        "upcoming": OpportunityPageFactory(
            parent=opportunity_index,
            title="Upcoming café",
            opens=days(5),
            closes=days(40),
            opportunity_type="involvement_cafe",
        ),
        "closed": OpportunityPageFactory(
            parent=opportunity_index, title="Closed survey", opens=days(-60), closes=days(-10)
        ),
        "outcome": OpportunityPageFactory(
            parent=opportunity_index,
            title="Finished consultation",
            opens=days(-90),
            closes=days(-40),
            opportunity_type="consultation",
        ),
    }
    YouSaidWeDidPageFactory(parent=outcome_index, opportunity=pages["outcome"])
    pages["open-late"].topics.add(urgent)
    pages["upcoming"].topics.add(urgent)
    pages["open-soon"].topics.add(maternity)
    pages["open-soon"].audiences.add(carers)
    pages["upcoming"].audiences.add(carers)
    for page in pages.values():
        page.save()  # parental many-to-many changes are kept in memory until the page is saved
    return pages


@pytest.mark.django_db
def test_default_shows_open_then_upcoming_closing_soonest_first(client, opportunity_index, mixed):
    html = client.get(opportunity_index.url).content.decode()
    assert titles(html) == ["Open, closes soon", "Open, closes late", "Upcoming café"]
    assert count_heading(html) == "3"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"status": "closed"}, ["Closed survey"]),
        ({"status": "outcome"}, ["Finished consultation"]),
        ({"status": ["closed", "outcome"]}, ["Closed survey", "Finished consultation"]),
        ({"type": "event"}, ["Open, closes soon"]),
        ({"topic": "urgent-care"}, ["Open, closes late", "Upcoming café"]),
        ({"audience": "carers"}, ["Open, closes soon", "Upcoming café"]),
        ({"topic": "urgent-care", "audience": "carers"}, ["Upcoming café"]),
        (
            {"topic": ["urgent-care", "maternity"]},
            ["Open, closes soon", "Open, closes late", "Upcoming café"],
        ),
        ({"status": "upcoming", "type": "involvement_cafe", "topic": "urgent-care"}, ["Upcoming café"]),
        ({"status": "closed", "topic": "urgent-care"}, []),
    ],
)
def test_filters_and_their_combinations(client, opportunity_index, mixed, query, expected):
    html = client.get(opportunity_index.url, query).content.decode()
    assert titles(html) == expected
    assert count_heading(html) == str(len(expected))
    if not expected:
        assert "No opportunities match these filters" in html


# Every day boundary of the public status, and an outcome still in draft, in the public order:
# (status, title, opens and closes in days from today, outcome page).
BOUNDARIES = [
    ("open", "Closes today", -10, 0, None),
    ("open", "Opened today", 0, 10, None),
    ("open", "No closing date", -10, None, None),
    ("upcoming", "Opens tomorrow", 1, 10, None),
    ("closed", "Closed yesterday", -10, -1, None),
    ("closed", "Closed, outcome in draft", -30, -5, "draft"),
    ("outcome", "Closed, outcome published", -60, -20, "live"),
]
STATUS_LABELS = {"open": "Open", "upcoming": "Upcoming", "closed": "Closed", "outcome": "Outcome published"}


@pytest.mark.django_db
def test_every_combination_of_statuses_lists_exactly_the_opportunities_with_them(
    client, opportunity_index, outcome_index
):
    for _status, title, opens, closes, outcome in BOUNDARIES:
        page = OpportunityPageFactory(
            parent=opportunity_index,
            title=title,
            opens=days(opens),
            closes=None if closes is None else days(closes),
        )
        if outcome:
            YouSaidWeDidPageFactory(parent=outcome_index, opportunity=page, live=outcome == "live")
    statuses = list(STATUS_LABELS)
    for size in range(1, len(statuses) + 1):
        for chosen in itertools.combinations(statuses, size):
            html = client.get(opportunity_index.url, {"status": chosen}).content.decode()
            shown = re.findall(
                r'nhsuk-tag[^"]*">([^<]+)</strong>.*?class="nhsuk-card__link"[^>]*>([^<]+)</a>', html, re.S
            )
            expected = [
                (STATUS_LABELS[status], title) for status, title, *_ in BOUNDARIES if status in chosen
            ]
            assert shown == expected, chosen
            assert count_heading(html) == str(len(expected))


@pytest.mark.django_db
def test_chosen_filters_stay_ticked(client, opportunity_index, mixed):
    html = client.get(opportunity_index.url, {"status": "closed", "topic": "urgent-care"}).content.decode()
    assert re.search(r'value="closed" checked', html)
    assert re.search(r'value="urgent-care" checked', html)
    assert not re.search(r'value="open" checked', html)


@pytest.mark.django_db
def test_pagination_keeps_filters_and_order(client, opportunity_index):
    for n in range(23):
        OpportunityPageFactory(parent=opportunity_index, title=f"Survey {n:02d}", closes=days(n + 1))
    first = client.get(opportunity_index.url, {"status": "open"}).content.decode()
    assert titles(first) == [f"Survey {n:02d}" for n in range(10)]
    assert "?status=open&amp;page=2" in first
    third = client.get(opportunity_index.url, {"status": "open", "page": 3}).content.decode()
    assert titles(third) == [f"Survey {n:02d}" for n in range(20, 23)]
    assert count_heading(third) == "23"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        {"status": "<script>alert(1)</script>"},
        {"topic": "999999"},
        {"audience": "'; DROP TABLE pages_topic; --"},
        {"type": "x" * 5000},
        {"page": "-1"},
        {"page": "abc"},
        {"page": "99999999999999999999"},
        {"status": ["open"] * 200},
        {"topic": "<img src=x onerror=alert(1)>", "page": "0"},
    ],
)
def test_garbage_in_the_query_string_gives_a_normal_page(
    client, opportunity_index, outcome_index, mixed, query
):
    for index in (opportunity_index, outcome_index):
        response = client.get(index.url, query)
        assert response.status_code == 200
        html = response.content.decode()
        assert "<script>alert(1)</script>" not in html
        assert "<img src=x" not in html
    # Unknown filter values are dropped: the default listing is shown.
    html = client.get(opportunity_index.url, query).content.decode()
    assert titles(html)


def count_queries(client, url):
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


def make_opportunities(index, topic, n, start=0):
    for i in range(start, start + n):
        page = OpportunityPageFactory(parent=index, title=f"Opportunity {i}", closes=days(i + 1))
        page.topics.add(topic)
        page.save()


def make_outcomes(index, topic, n, start=0):
    for i in range(start, start + n):
        page = YouSaidWeDidPageFactory(parent=index, title=f"Outcome {i}", date=days(-i))
        page.topics.add(topic)
        page.save()
        YouSaidWeDidAction.objects.create(page=page, action="Did a thing")


@pytest.mark.django_db
@pytest.mark.usefixtures("page_cache_off")
@pytest.mark.parametrize("url_of", ["home", "opportunities", "outcomes"])
def test_query_count_does_not_grow_with_items(client, home, opportunity_index, outcome_index, url_of):
    topic = TopicFactory(name="Primary care")
    url = {"home": "/", "opportunities": opportunity_index.url, "outcomes": outcome_index.url}[url_of]
    make_opportunities(opportunity_index, topic, 5)
    make_outcomes(outcome_index, topic, 5)
    client.get(url)  # warm per-process caches such as the site root paths
    with_five = count_queries(client, url)
    make_opportunities(opportunity_index, topic, 45, start=5)
    make_outcomes(outcome_index, topic, 45, start=5)
    client.get(url)
    assert count_queries(client, url) == with_five


@pytest.mark.django_db
def test_outcome_index_filters_by_topic_and_year(client, outcome_index):
    this_year = days(0).year
    waits = TopicFactory(name="Waiting times")
    old = YouSaidWeDidPageFactory(
        parent=outcome_index, title="Old change", date=datetime.date(this_year - 2, 6, 1)
    )
    new = YouSaidWeDidPageFactory(
        parent=outcome_index, title="New change", date=datetime.date(this_year, 1, 2)
    )
    new.topics.add(waits)
    new.save()
    html = client.get(outcome_index.url).content.decode()
    assert titles(html) == ["New change", "Old change"]
    assert titles(client.get(outcome_index.url, {"year": this_year - 2}).content.decode()) == ["Old change"]
    assert titles(client.get(outcome_index.url, {"topic": "waiting-times"}).content.decode()) == [
        "New change"
    ]
    both = client.get(outcome_index.url, {"topic": "waiting-times", "year": this_year - 2}).content.decode()
    assert titles(both) == [] and "Nothing matches these filters" in both
    assert old.title in client.get(outcome_index.url, {"year": "1999"}).content.decode()
