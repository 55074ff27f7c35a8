"""The public addresses that the checkers judge, found by walking the live page tree.

Both the HTML validity test (Django's test client) and the browser tests (axe-core) judge the
same set, so a new page type is covered as soon as a live page of it exists: every live, public
page of the default site; the thank-you page of each page with a form; the opportunity index
filtered, filtered to nothing and on its second page; a "You said, We did" filter; the search form,
with results, narrowed to one type and without; and the 404 page. Pages with a form are also
judged in their error state, after an empty submission: `form_pages()` lists them.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import NoReverseMatch
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, Site

from involvement.models.pages import PublicFormPage
from pages.models import (
    OpportunityIndexPage,
    OpportunityPage,
    Topic,
    YouSaidWeDidIndexPage,
    YouSaidWeDidPage,
)
from pages.models.opportunities import Status

# A query that the demo content answers, and one that nothing can match.
SEARCH_WITH_RESULTS = "urgent care"
SEARCH_WITHOUT_RESULTS = "xylophonequartz"
MISSING_PAGE = "/this-page-does-not-exist/"

ALL_STATUSES = [choice.value for choice in Status]


@dataclass(frozen=True)
class Address:
    label: str
    url: str
    status: int = 200


def path_of(page):
    """The page's path on its site, e.g. '/get-involved/' (never a full URL)."""
    _site_id, _root_url, path = page.get_url_parts()
    return path


def live_pages():
    """Every live, public page of the default site, home page first, in tree order."""
    root = Site.objects.get(is_default_site=True).root_page
    return list(Page.objects.descendant_of(root, inclusive=True).live().public().specific().order_by("path"))


def query(url, **params):
    return f"{url}?{urlencode(params, doseq=True)}"


def opportunity_index_addresses(index):
    """The index filtered, filtered to nothing, and on page 2 when it has one."""
    url = path_of(index)
    opportunities = OpportunityPage.objects.live().public().child_of(index)
    addresses = []
    open_one = opportunities.with_status_in([Status.OPEN]).filter(topics__isnull=False).first()
    if open_one is not None:
        topic = open_one.topics.order_by("slug").first()
        addresses.append(
            Address(f"{url} filtered", query(url, status=[Status.OPEN.value], topic=[topic.slug]))
        )
    for status in ALL_STATUSES:
        used = set(
            opportunities.with_status_in([status])
            .filter(topics__isnull=False)
            .values_list("topics", flat=True)
        )
        empty_topic = Topic.objects.exclude(pk__in=used).order_by("slug").first()
        if empty_topic is not None:
            addresses.append(
                Address(f"{url} with no results", query(url, status=[status], topic=[empty_topic.slug]))
            )
            break
    if opportunities.count() > index.per_page:
        addresses.append(Address(f"{url} page 2", query(url, status=ALL_STATUSES, page=2)))
    return addresses


def outcome_index_addresses(index):
    """The 'You said, We did' index filtered by the topic of its newest item."""
    url = path_of(index)
    items = YouSaidWeDidPage.objects.live().public().child_of(index)
    newest = items.filter(topics__isnull=False).order_by("-date", "title").first()
    if newest is None:
        return []
    topic = newest.topics.order_by("slug").first()
    return [Address(f"{url} filtered", query(url, topic=[topic.slug]))]


def thank_you_address(page):
    if not isinstance(page, RoutablePageMixin):
        return None
    try:
        subpath = page.reverse_subpage("thank_you")
    except NoReverseMatch:
        return None
    return Address(f"{path_of(page)} thank you", path_of(page) + subpath)


def addresses():
    """Every address to judge with a GET, each with the status it must answer with."""
    result = []
    for page in live_pages():
        url = path_of(page)
        result.append(Address(url, url))
        if isinstance(page, OpportunityIndexPage):
            result.extend(opportunity_index_addresses(page))
        elif isinstance(page, YouSaidWeDidIndexPage):
            result.extend(outcome_index_addresses(page))
        if (thank_you := thank_you_address(page)) is not None:
            result.append(thank_you)
    result += [
        Address("search form", "/search/"),
        Address("search with results", query("/search/", q=SEARCH_WITH_RESULTS)),
        Address("search for one type", query("/search/", q=SEARCH_WITH_RESULTS, type="opportunity")),
        Address("search without results", query("/search/", q=SEARCH_WITHOUT_RESULTS)),
        Address("404 page", MISSING_PAGE, status=404),
        Address("email alerts", "/alerts/"),
        Address("email alerts, check your email", "/alerts/check-your-email/"),
    ]
    return result


def form_pages():
    """Paths of the live pages with a public form, to judge after an empty submission."""
    return [path_of(page) for page in live_pages() if isinstance(page, PublicFormPage)]


def opportunity_paths():
    return [path_of(page) for page in OpportunityPage.objects.live().public().order_by("path")]
