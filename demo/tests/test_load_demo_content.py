"""`manage.py load_demo_content`: what it builds, that loading again changes nothing, who it lets in."""

import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import Page, PageLogEntry, Revision, Site

from demo import alerts as demo_alerts
from demo import analysis as demo_analysis
from demo import content, standard_pages, users
from demo.management.commands import load_demo_content
from demo.organisation import ensure_settings
from demo.signoff_history import in_flight
from demo.sync import KEPT, UPDATED, update_page
from demo.users import ensure_demo_users
from pages.models import (
    Audience,
    HomePage,
    OpportunityIndexPage,
    OpportunityPage,
    OrganisationSettings,
    StandardPage,
    StrategyPage,
    Topic,
    YouSaidWeDidIndexPage,
    YouSaidWeDidPage,
)
from pages.models.opportunities import Level, OpportunityType, Status
from pages.models.strategy import ActionPlanStatus
from questionnaires.models import Response

PASSWORD = "correct-horse-battery-staple"

PAGE_TYPES = [
    HomePage,
    StandardPage,
    StrategyPage,
    OpportunityIndexPage,
    OpportunityPage,
    YouSaidWeDidIndexPage,
    YouSaidWeDidPage,
]

# Address: something the page must say.
ADDRESSES = {
    "/": "Ways to get involved",
    "/about/": "Who we are",
    "/about/accessibility-statement/": "WCAG 2.2",
    "/about/privacy-notice/": "Data Protection Officer",
    "/about/how-to-get-involved/": "Consult",
    "/engagement-strategy/": "Action plan and progress",
    "/get-involved/": "The future of urgent care",
    "/get-involved/future-of-urgent-care/": "How to take part",
    "/you-said-we-did/": "Easing the 8am rush",
    "/you-said-we-did/clearer-information-about-nhs-111/": "We did",
}

FOOTER = ["about", "accessibility-statement", "privacy-notice"]


def load(**options):
    out = io.StringIO()
    call_command("load_demo_content", stdout=out, **options)
    return out.getvalue()


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo content, loaded once for the module: each test's own changes are rolled back.

    Loading takes seconds, so the tests share one load inside a transaction that is undone
    when the module is done. Returns what the command printed.
    """
    password_file = tmp_path_factory.mktemp("demo") / ".demo-password"
    with (
        django_db_blocker.unblock(),
        override_settings(DEMO_PASSWORD_FILE=password_file),
        pytest.MonkeyPatch.context() as patch,
    ):
        patch.setenv("DEMO_PASSWORD", PASSWORD)
        with transaction.atomic():
            Site.objects.filter(is_default_site=True).update(hostname="testserver")
            yield load()
            transaction.set_rollback(True)
    cache.clear()  # Wagtail caches the site's root paths


@pytest.fixture(autouse=True)
def demo_password(monkeypatch, settings, tmp_path):
    """A known password, and never the real .demo-password file at the project root."""
    monkeypatch.setenv("DEMO_PASSWORD", PASSWORD)
    settings.DEMO_PASSWORD_FILE = tmp_path / ".demo-password"


def snapshot():
    return {
        "pages": Page.objects.count(),
        **{model.__name__: model.objects.count() for model in PAGE_TYPES},
        "revisions": Revision.objects.count(),
        "log entries": PageLogEntry.objects.count(),
        "topics": Topic.objects.count(),
        "audiences": Audience.objects.count(),
        "users": get_user_model().objects.count(),
        "questionnaire responses": Response.objects.count(),
    }


@pytest.mark.django_db
def test_loading_again_changes_nothing(demo, home):
    before = snapshot()
    load()
    assert snapshot() == before
    assert HomePage.objects.count() == 1
    assert not any(Page.find_problems()), "the page tree is intact"


@pytest.mark.django_db
def test_builds_every_page_type_and_every_address_renders(demo, client):
    for model in PAGE_TYPES:
        assert model.objects.live().exists(), model.__name__
    for address, text in ADDRESSES.items():
        response = client.get(address)
        assert response.status_code == 200, address
        assert text in response.content.decode(), address
    footer = client.get("/").content.decode()
    assert "NHS Mid Nottinghamshire CCG" in footer
    for address, text in [
        ("/about/accessibility-statement/", "Accessibility statement"),
        ("/about/privacy-notice/", "Privacy notice"),
    ]:
        assert f'href="{address}">{text}</a>' in footer


@pytest.mark.django_db
def test_pages_are_published_through_revisions_and_shown_in_the_menu(demo):
    home = HomePage.objects.get()
    # Plans still going through sign-off are drafts on purpose, and so is the outcome that is left for
    # the tour to publish (it tells the people who took part), and the urgent care consultation's
    # early findings (it is still open); everything else is published.
    awaiting_signoff = [plan["slug"] for plan in in_flight()]
    pages = (
        Page.objects.descendant_of(home, inclusive=True)
        .type(*PAGE_TYPES)
        .exclude(slug__in=[*awaiting_signoff, demo_alerts.OUTCOME_SLUG, demo_analysis.OUTCOME_SLUG])
    )
    for page in pages:
        assert page.live_revision_id is not None, page.url_path
    assert Page.objects.filter(slug__in=awaiting_signoff, live=False).count() == len(awaiting_signoff)
    in_menu = set(Page.objects.child_of(home).in_menu().values_list("slug", flat=True))
    assert {"about", "engagement-strategy", "get-involved", "you-said-we-did"} <= in_menu


@pytest.mark.django_db
def test_opportunities_show_every_type_level_and_public_status(demo):
    today = timezone.localdate()
    opportunities = list(OpportunityPage.objects.live().with_status())
    assert len(opportunities) >= 10
    assert {o.opportunity_type for o in opportunities} == set(OpportunityType.values)
    assert {o.level for o in opportunities} == set(Level.values)
    assert {o.status for o in opportunities} == set(Status.values)

    open_now = [o for o in opportunities if o.status == Status.OPEN]
    assert any(o.closes == today for o in open_now), "one closes today"
    assert any(o.closes is None for o in open_now), "one has no closing date"
    closed = [o for o in opportunities if o.status == Status.CLOSED]
    assert any(o.outcome_due > today for o in closed), "one has its outcome still to come"
    assert any(o.outcome_due < today - datetime.timedelta(weeks=4) for o in closed), "one is overdue"
    assert sum(o.status == Status.OUTCOME_PUBLISHED for o in opportunities) >= 2

    for o in opportunities:
        assert o.how_to_take_part and o.alternative_formats and o.alternative_formats_how, o.slug
        assert o.contact_name and o.contact_email and o.topics.exists(), o.slug
        if o.opportunity_type == OpportunityType.EVENT:
            assert o.event_start and o.event_end and (o.location or o.online_link), o.slug


@pytest.mark.django_db
def test_you_said_we_did_items_span_sources_and_years_and_answer_opportunities(demo):
    items = list(YouSaidWeDidPage.objects.live())
    assert len(items) >= 8
    assert len({item.source for item in items}) >= 4
    assert len({item.date.year for item in items}) >= 2
    for item in items:
        assert 1 <= item.actions.count() <= 4, item.slug
        assert item.topics.exists(), item.slug
    answered = [item.opportunity for item in items if item.opportunity]
    assert len(answered) >= 2
    assert all(o.public_status == Status.OUTCOME_PUBLISHED for o in answered)


@pytest.mark.django_db
def test_strategy_has_aims_objectives_and_an_action_plan_with_every_status(demo):
    strategy = StrategyPage.objects.get(slug="engagement-strategy")
    year = timezone.localdate().year
    assert (
        strategy.period == f"{year - 1}–{year + 2}" and strategy.status == "current" and strategy.review_date
    )
    assert strategy.aims.count() == 4
    assert all(o.how_achieved and o.expected_outcomes for o in strategy.objectives.all())
    assert strategy.principles.count() >= 5
    actions = list(strategy.actions.all())
    assert len(actions) >= 12
    assert {a.status for a in actions} == set(ActionPlanStatus.values)
    assert len({a.theme for a in actions}) >= 4
    for action in actions:
        assert action.lead and action.when and action.measure and action.progress_note, action.action


@pytest.mark.django_db
def test_a_later_day_moves_the_dates_on(demo):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    pages, revisions = Page.objects.count(), Revision.objects.count()

    content.build(HomePage.objects.get(), today=tomorrow)

    survey = OpportunityPage.objects.get(slug="gp-appointments-survey")
    assert survey.closes == tomorrow, "still the opportunity that closes on the day of loading"
    assert survey.revisions.count() == 2
    assert Page.objects.count() == pages
    assert Revision.objects.count() > revisions


@pytest.mark.django_db
def test_pages_changed_by_a_person_are_kept_unless_forced(demo, django_user_model):
    editor = django_user_model.objects.create_user("a-person", password="x")
    about = StandardPage.objects.get(slug="about")
    about.intro = "Written by an editor."
    about.save_revision(user=editor).publish()

    about = StandardPage.objects.get(slug="about")
    assert update_page(about, fields=standard_pages.about()) == KEPT
    assert StandardPage.objects.get(slug="about").intro == "Written by an editor."

    assert update_page(about, fields=standard_pages.about(), force=True) == UPDATED
    assert StandardPage.objects.get(slug="about").intro != "Written by an editor."


@pytest.mark.django_db
def test_settings_changed_by_a_person_are_kept_unless_forced(demo, django_user_model):
    editor = django_user_model.objects.create_user("a-person", password="x")
    organisation = OrganisationSettings.for_site(Site.objects.get(is_default_site=True))
    organisation.name = "NHS Somewhere Else ICB"
    organisation.save()
    log(instance=organisation, action="wagtail.edit", user=editor)
    footer_pages = {slug: Page.objects.get(slug=slug) for slug in FOOTER}

    ensure_settings(footer_pages)
    assert OrganisationSettings.objects.get(pk=organisation.pk).name == "NHS Somewhere Else ICB"

    ensure_settings(footer_pages, force=True)
    assert OrganisationSettings.objects.get(pk=organisation.pk).name == "NHS Mid Nottinghamshire CCG"


@pytest.mark.django_db
def test_admin_user_is_created_with_demo_password_and_printed(demo):
    admin = get_user_model().objects.get(username="admin")
    assert admin.is_superuser and admin.is_staff and admin.check_password(PASSWORD)
    assert "admin" in demo and PASSWORD in demo


@pytest.mark.django_db
def test_a_generated_password_is_saved_and_reused(monkeypatch, settings):
    monkeypatch.delenv("DEMO_PASSWORD")
    password = ensure_demo_users()
    saved = settings.DEMO_PASSWORD_FILE.read_text().strip()
    assert password == saved and len(saved) >= 12
    assert settings.DEMO_PASSWORD_FILE.stat().st_mode & 0o077 == 0, "readable by its owner only"

    assert ensure_demo_users() == saved
    assert get_user_model().objects.get(username="admin").check_password(saved)


@pytest.mark.django_db
def test_no_users_unless_settings_allow_them(demo, settings):
    get_user_model().objects.all().delete()
    settings.DEMO_USERS_ALLOWED = False
    output = load()
    assert not get_user_model().objects.exists()
    assert "DEMO_USERS_ALLOWED" in output and PASSWORD not in output
    assert not settings.DEMO_PASSWORD_FILE.exists()


def test_the_generated_demo_password_meets_the_rules(tmp_path, settings, monkeypatch):
    monkeypatch.delenv("DEMO_PASSWORD", raising=False)
    settings.DEMO_PASSWORD_FILE = tmp_path / ".demo-password"
    validate_password(users.demo_password())


@pytest.mark.django_db
def test_every_apps_demo_content_is_loaded_in_order(home, monkeypatch):
    """Each app's step runs once, in order, between the pages app's two steps."""
    calls = []
    for name in ("build", "finish"):
        monkeypatch.setattr(content, name, lambda home, stdout, name=name, **options: calls.append(name))
    labels = [label for label, _build in load_demo_content.APP_STEPS]
    steps = [(label, lambda home, stdout, label=label: calls.append(label)) for label in labels]
    monkeypatch.setattr(load_demo_content, "APP_STEPS", steps)
    output = load()
    assert calls == [
        "build",
        "workflows",
        "involvement",
        "alerts",
        "questionnaires",
        "published_responses",
        "reach",
        "analysis",
        "events",
        "reporting",
        "finish",
    ]
    for label in labels:
        assert f"Loading the demo content of {label}…" in output
