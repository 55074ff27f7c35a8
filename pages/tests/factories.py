"""Factories for the page types and vocabularies, shared by every app's tests."""

import datetime

import factory
import wagtail_factories
from django.utils import timezone
from django.utils.text import slugify

from pages import models


def today():
    return timezone.localdate()


def days(n):
    return today() + datetime.timedelta(days=n)


class TopicFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Topic {n}")

    class Meta:
        model = models.Topic
        django_get_or_create = ["name"]


class AudienceFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Audience {n}")

    class Meta:
        model = models.Audience
        django_get_or_create = ["name"]


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Home"
    slug = factory.Sequence(lambda n: f"home-{n}")

    class Meta:
        model = models.HomePage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Standard page {n}")
    intro = "An introduction."

    class Meta:
        model = models.StandardPage


class StrategyPageFactory(wagtail_factories.PageFactory):
    title = "Engagement strategy"
    slug = "engagement-strategy"
    period = "2017–2020"
    summary = "<p>How we involve people.</p>"

    class Meta:
        model = models.StrategyPage


class StrategyActionFactory(factory.django.DjangoModelFactory):
    theme = "Communication"
    action = factory.Sequence(lambda n: f"Action number {n}")
    lead = "Head of Communications"
    status = "on_track"

    class Meta:
        model = models.StrategyAction


class OpportunityIndexPageFactory(wagtail_factories.PageFactory):
    title = "Get involved"
    slug = "get-involved"

    class Meta:
        model = models.OpportunityIndexPage


class OpportunityPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Opportunity {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.title))
    summary = "Tell us what you think."
    opportunity_type = "survey"
    level = "engage"
    opens = factory.LazyFunction(lambda: days(-7))
    closes = factory.LazyFunction(lambda: days(21))
    how_to_take_part = "<p>Fill in the online survey.</p>"
    # Unless a test says otherwise, a plan that every sign-off guard accepts.
    category = factory.LazyAttribute(lambda o: "A" if o.level == "consult" or o.is_service_change else "")
    eia_status = factory.LazyAttribute(lambda o: "complete" if o.category in ("B", "C") else "")
    osc_notified_on = factory.LazyAttribute(lambda o: today() if o.category == "C" else None)
    short_period_reason = factory.LazyAttribute(
        lambda o: "A short consultation for the test." if o.level == "consult" else ""
    )
    is_service_change = False

    class Meta:
        model = models.OpportunityPage

    @classmethod
    def _create(cls, model_class, *args, live=True, **kwargs):
        # An opportunity goes live only with the sign-off its category needs: a live one is
        # created as a draft, then signed off and published.
        page = super()._create(model_class, *args, live=False, **kwargs)
        if page.category in ("B", "C") and not page.stakeholders.exists():
            page.stakeholders.create(group="Patients who use the service", influence="low", interest="high")
        if live:
            from workflows.tests.evidence import publish_signed_off

            publish_signed_off(page)
        return page


class YouSaidWeDidIndexPageFactory(wagtail_factories.PageFactory):
    title = "You said, we did"
    slug = "you-said-we-did"

    class Meta:
        model = models.YouSaidWeDidIndexPage


class YouSaidWeDidPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Change {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.title))
    you_said = "<p>Waiting times were too long.</p>"
    we_did_summary = "We opened an extra clinic."
    source = "survey"
    date = factory.LazyFunction(today)

    class Meta:
        model = models.YouSaidWeDidPage
