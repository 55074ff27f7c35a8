"""RSS and Atom feeds: what is open or coming up, and 'You said, We did', for feed readers."""

import datetime
import html

import feedparser
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction, Site

from pages.models import OrganisationSettings
from pages.tests.factories import (
    OpportunityIndexPageFactory,
    OpportunityPageFactory,
    TopicFactory,
    YouSaidWeDidIndexPageFactory,
    YouSaidWeDidPageFactory,
    days,
)

OPPORTUNITY_FEEDS = ["/feeds/opportunities.rss", "/feeds/opportunities.atom"]
OUTCOME_FEEDS = ["/feeds/you-said-we-did.rss", "/feeds/you-said-we-did.atom"]


def fetch(client, url):
    response = client.get(url)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0, feed.get("bozo_exception")
    return response, feed


def published(days_ago):
    return timezone.now() - datetime.timedelta(days=days_ago)


@pytest.fixture
def opportunities(opportunity_index):
    """One opportunity in each state that matters to the feed."""
    topic = TopicFactory(name="Urgent care")
    open_now = OpportunityPageFactory(
        parent=opportunity_index,
        title="Urgent care survey",
        slug="urgent-care-survey",
        summary="Tell us about using urgent care.",
        first_published_at=published(5),
    )
    open_now.topics.set([topic])
    open_now.save()
    return {
        "open": open_now,
        "upcoming": OpportunityPageFactory(
            parent=opportunity_index, title="Maternity café", opens=days(10), closes=days(40)
        ),
        "closed": OpportunityPageFactory(
            parent=opportunity_index, title="Old survey", opens=days(-90), closes=days(-30)
        ),
        "draft": OpportunityPageFactory(parent=opportunity_index, title="Draft survey", live=False),
    }


@pytest.mark.django_db
@pytest.mark.parametrize("url", OPPORTUNITY_FEEDS)
def test_opportunity_feed_lists_open_and_upcoming_opportunities(client, opportunities, url):
    _response, feed = fetch(client, url)
    titles = [entry.title for entry in feed.entries]
    assert titles == ["Urgent care survey", "Maternity café"]  # open first, then upcoming

    entry = feed.entries[0]
    assert entry.link == "http://testserver/get-involved/urgent-care-survey/"
    assert entry.summary == "Tell us about using urgent care."
    assert entry.id == entry.link
    assert [tag.term for tag in entry.tags] == ["Urgent care"]
    assert entry.published_parsed[:3] == opportunities["open"].first_published_at.utctimetuple()[:3]


@pytest.mark.django_db
@pytest.mark.parametrize("url", OPPORTUNITY_FEEDS)
def test_opportunity_feed_leaves_out_closed_draft_and_private_ones(client, opportunities, url):
    private = OpportunityPageFactory(parent=opportunities["open"].get_parent(), title="Private survey")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="secret")
    _response, feed = fetch(client, url)
    titles = {entry.title for entry in feed.entries}
    assert "Old survey" not in titles
    assert "Draft survey" not in titles
    assert "Private survey" not in titles


@pytest.mark.django_db
@pytest.mark.parametrize("url", OPPORTUNITY_FEEDS + OUTCOME_FEEDS)
def test_feed_title_names_the_organisation_and_links_to_the_index(
    client, opportunity_index, outcome_index, url
):
    settings = OrganisationSettings.for_site(Site.objects.get(is_default_site=True))
    settings.short_name = "Mid Notts CCG"
    settings.save()
    _response, feed = fetch(client, url)
    assert feed.feed.title.endswith("– Mid Notts CCG")
    index = opportunity_index if "opportunities" in url else outcome_index
    assert feed.feed.link == index.get_full_url()


@pytest.mark.django_db
@pytest.mark.parametrize("url", OUTCOME_FEEDS)
def test_you_said_we_did_feed_lists_newest_first_without_drafts(client, outcome_index, url):
    YouSaidWeDidPageFactory(parent=outcome_index, title="Older change", date=days(-60))
    YouSaidWeDidPageFactory(
        parent=outcome_index,
        title="Newer change",
        slug="newer-change",
        date=days(-2),
        we_did_summary="We opened on Saturdays.",
    )
    YouSaidWeDidPageFactory(parent=outcome_index, title="Draft change", date=days(-1), live=False)
    _response, feed = fetch(client, url)
    assert [entry.title for entry in feed.entries] == ["Newer change", "Older change"]
    assert feed.entries[0].link == "http://testserver/you-said-we-did/newer-change/"
    assert feed.entries[0].summary == "We opened on Saturdays."


@pytest.mark.django_db
@pytest.mark.parametrize("url", OPPORTUNITY_FEEDS + OUTCOME_FEEDS)
def test_feed_content_types(client, opportunity_index, outcome_index, url):
    response, _feed = fetch(client, url)
    expected = "application/rss+xml" if url.endswith(".rss") else "application/atom+xml"
    assert response["Content-Type"].startswith(expected)


@pytest.mark.django_db
@pytest.mark.parametrize("url", OPPORTUNITY_FEEDS)
def test_feed_shows_plain_text_as_text_never_as_markup(client, opportunity_index, url):
    OpportunityPageFactory(
        parent=opportunity_index, title="Tea & <b>talk</b>", summary="Say <i>what</i> & more."
    )
    _response, feed = fetch(client, url)
    entry = feed.entries[0]
    # Readers render these as HTML: the text must come back as written, with no live tags.
    assert entry.title == "Tea &amp; &lt;b&gt;talk&lt;/b&gt;"
    assert html.unescape(entry.title) == "Tea & <b>talk</b>"
    assert html.unescape(entry.summary) == "Say <i>what</i> & more."


def queries_for(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.django_db
@pytest.mark.usefixtures("page_cache_off")
@pytest.mark.parametrize("url", OPPORTUNITY_FEEDS)
def test_opportunity_feed_query_count_does_not_grow_with_items(client, opportunity_index, url):
    topic = TopicFactory(name="Mental health")

    def add(n):
        for _ in range(n):
            page = OpportunityPageFactory(parent=opportunity_index)
            page.topics.set([topic])
            page.save()

    add(3)
    client.get(url)  # warm the site and settings caches
    with_three = queries_for(client, url)
    add(9)
    assert queries_for(client, url) == with_three


@pytest.mark.django_db
@pytest.mark.usefixtures("page_cache_off")
@pytest.mark.parametrize("url", OUTCOME_FEEDS)
def test_outcome_feed_query_count_does_not_grow_with_items(client, outcome_index, url):
    topic = TopicFactory(name="Maternity")

    def add(n):
        for _ in range(n):
            page = YouSaidWeDidPageFactory(parent=outcome_index)
            page.topics.set([topic])
            page.save()

    add(3)
    client.get(url)
    with_three = queries_for(client, url)
    add(9)
    assert queries_for(client, url) == with_three


@pytest.mark.django_db
@pytest.mark.parametrize("url", OUTCOME_FEEDS)
def test_you_said_we_did_feed_leaves_out_private_and_unpublished_items(client, outcome_index, url):
    YouSaidWeDidPageFactory(parent=outcome_index, title="Public change")
    private = YouSaidWeDidPageFactory(parent=outcome_index, title="Private change")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    withdrawn = YouSaidWeDidPageFactory(parent=outcome_index, title="Withdrawn change")
    withdrawn.unpublish()
    _response, feed = fetch(client, url)
    assert [entry.title for entry in feed.entries] == ["Public change"]


@pytest.mark.django_db
@pytest.mark.parametrize("url", OPPORTUNITY_FEEDS + OUTCOME_FEEDS)
def test_feeds_leave_out_pages_under_a_private_section(client, home, url):
    hidden = OpportunityIndexPageFactory(parent=home, slug="staff-only", title="Staff only")
    PageViewRestriction.objects.create(page=hidden, restriction_type="login")
    OpportunityPageFactory(parent=hidden, title="Hidden survey")
    hidden_outcomes = YouSaidWeDidIndexPageFactory(parent=home, slug="staff-changes", title="Staff changes")
    PageViewRestriction.objects.create(page=hidden_outcomes, restriction_type="login")
    YouSaidWeDidPageFactory(parent=hidden_outcomes, title="Hidden change")
    _response, feed = fetch(client, url)
    assert feed.entries == []
