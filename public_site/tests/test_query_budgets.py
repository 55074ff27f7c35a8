"""Every public page type, rendered without the page cache, costs at most 15 SQL queries at volume.

The data is built once for the module: 200 opportunities of every type (open, upcoming, closed
and answered, with topics, audiences and events), 200 "You said, We did" items with actions, a
strategy with a long action plan, a standard page with children, the annual report, and the form
pages. Each address is requested once to warm the per-process caches (site root paths, the
settings row), then counted.
"""

import datetime

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from involvement.models import Feedback, FeedbackTheme
from involvement.tests.factories import MemberFactory
from pages.models import (
    HomePage,
    OpportunityPage,
    StrategyAction,
    StrategyAim,
    StrategyObjective,
    StrategyPrinciple,
    YouSaidWeDidAction,
)
from pages.models.opportunities import OpportunityType
from pages.tests.factories import (
    AudienceFactory,
    OpportunityIndexPageFactory,
    OpportunityPageFactory,
    StandardPageFactory,
    StrategyPageFactory,
    TopicFactory,
    YouSaidWeDidIndexPageFactory,
    YouSaidWeDidPageFactory,
    days,
)
from reporting.figures import year_containing
from reporting.tests.dataset import decide
from reporting.tests.factories import EngagementReportPageFactory

BUDGET = 15
ITEMS = 200
STATUSES = ["open", "upcoming", "closed", "answered"]


def build():
    home = HomePage.objects.get()
    Site.objects.filter(is_default_site=True).update(hostname="testserver")
    opportunities = OpportunityIndexPageFactory(parent=home)
    outcomes = YouSaidWeDidIndexPageFactory(parent=home)
    topics = [TopicFactory(name=f"Topic {n}", slug=f"topic-{n}") for n in range(8)]
    audiences = [AudienceFactory(name=f"Audience {n}", slug=f"audience-{n}") for n in range(4)]
    types = [code for code, _label in OpportunityType.choices]
    first_of_type = {}
    for n in range(ITEMS):
        status = STATUSES[n % len(STATUSES)]
        opens, closes = {
            "open": (days(-10), days(n % 40 + 1)),
            "upcoming": (days(n % 30 + 1), days(n % 30 + 60)),
            "closed": (days(-90), days(-(n % 30) - 1)),
            "answered": (days(-90), days(-(n % 30) - 1)),
        }[status]
        kind = types[n % len(types)]
        # Every fifth one is a consultation with a plan and a sign-off path, for the annual report.
        plan = {"level": "consult", "category": "BC"[n % 2]} if n % 5 == 0 else {}
        event = datetime.datetime.combine(opens, datetime.time(18), tzinfo=datetime.UTC)
        page = OpportunityPageFactory(
            parent=opportunities,
            title=f"Opportunity {n}",
            opportunity_type=kind,
            opens=opens,
            closes=closes,
            event_start=event if kind in ("event", "involvement_cafe", "focus_group") else None,
            location="Town hall\nHigh Street" if n % 3 == 0 else "",
            **plan,
        )
        page.topics.set(topics[n % 8 : n % 8 + 2])
        page.audiences.set(audiences[n % 4 : n % 4 + 1])
        page.save()
        first_of_type.setdefault(kind, page)
        if plan:
            for stage in ("engagement_review", "equality_check", "clinical_signoff"):
                decide(page, stage, "approved", f"{opens - datetime.timedelta(days=20)}T10:00")
        outcome = YouSaidWeDidPageFactory(
            parent=outcomes,
            title=f"Change {n}",
            date=days(-(n % 700)),
            opportunity=page if status == "answered" else None,
            participants=n,
        )
        outcome.topics.set(topics[n % 8 : n % 8 + 1])
        outcome.save()
        YouSaidWeDidAction.objects.bulk_create(
            [YouSaidWeDidAction(page=outcome, action=f"Action {i}", sort_order=i) for i in range(3)]
        )

    strategy = StrategyPageFactory(parent=home)
    StrategyAim.objects.bulk_create(
        [StrategyAim(page=strategy, aim=f"Aim {i}", sort_order=i) for i in range(10)]
    )
    StrategyObjective.objects.bulk_create(
        [StrategyObjective(page=strategy, objective=f"Objective {i}", sort_order=i) for i in range(15)]
    )
    StrategyPrinciple.objects.bulk_create(
        [StrategyPrinciple(page=strategy, title=f"Principle {i}", sort_order=i) for i in range(10)]
    )
    StrategyAction.objects.bulk_create(
        [
            StrategyAction(
                page=strategy,
                theme=f"Theme {i % 6}",
                action=f"Action {i}",
                lead="Head of Engagement",
                status=["on_track", "at_risk", "complete"][i % 3],
                due_date=days(i),
                sort_order=i,
            )
            for i in range(120)
        ]
    )
    about = StandardPageFactory(parent=home, title="About us", slug="about-us", show_in_menus=True)
    for n in range(12):
        StandardPageFactory(parent=about, title=f"About part {n}")
    for page in (opportunities, outcomes, strategy):
        page.show_in_menus = True
        page.save()
    MemberFactory.create_batch(50)
    themes = list(FeedbackTheme.objects.all()) + [None]
    Feedback.objects.bulk_create(
        [
            Feedback(
                kind=["comment", "concern", "compliment"][n % 3],
                service="A surgery",
                experience="…",
                theme=themes[n % len(themes)],
            )
            for n in range(60)
        ]
    )
    report = EngagementReportPageFactory(parent=home, year_start=year_containing(days(0)).start_year)
    return {
        "/": "home",
        "/get-involved/": "opportunity index",
        "/get-involved/?status=closed&status=outcome": "opportunity index, closed and answered",
        "/get-involved/?topic=topic-1&audience=audience-2&type=event&type=survey": "opportunity filters",
        "/get-involved/?page=3": "opportunity index, page 3",
        **{page.url: f"opportunity ({kind})" for kind, page in first_of_type.items()},
        OpportunityPage.objects.get(title="Opportunity 7").url: "opportunity with an outcome",
        "/you-said-we-did/": "you said we did index",
        "/you-said-we-did/?topic=topic-2&year=" + str(days(0).year): "you said we did index, filters",
        "/you-said-we-did/change-3/": "you said we did item",
        strategy.url: "strategy",
        about.url: "standard page",
        "/search/?q=opportunity": "search",
        "/feeds/opportunities.rss": "opportunities feed",
        "/feeds/opportunities.atom": "opportunities feed (Atom)",
        "/feeds/you-said-we-did.rss": "outcomes feed",
        "/feeds/events.ics": "events calendar",
        first_of_type["event"].url + "event.ics": "one event's calendar",
        "/sitemap.xml": "sitemap",
        report.url: "annual report",
        report.url + "figures.csv": "annual report CSV",
    }


@pytest.fixture(scope="module")
def addresses(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield build()
        transaction.set_rollback(True)


@pytest.fixture
def uncached(settings):
    settings.PAGE_CACHE_SECONDS = 0


@pytest.mark.django_db
def test_every_public_page_type_is_built(addresses):
    kinds = set(addresses.values())
    assert {f"opportunity ({code})" for code, _label in OpportunityType.choices} <= kinds


@pytest.mark.django_db
@pytest.mark.usefixtures("uncached")
def test_every_public_page_stays_within_the_query_budget(client, addresses):
    over = {}
    for url, name in addresses.items():
        assert client.get(url).status_code == 200, url  # warms the site root paths and settings row
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        if len(queries) > BUDGET:
            over[f"{name} ({url})"] = [len(queries), *(q["sql"][:200] for q in queries.captured_queries)]
    assert not over, "\n\n".join(
        f"{name}: {lines[0]} queries\n" + "\n".join(lines[1:]) for name, lines in over.items()
    )
