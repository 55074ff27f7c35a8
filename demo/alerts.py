"""Demo content for email alerts: two confirmed subscribers and an outcome waiting to be published.

Called by `manage.py load_demo_content` as `build(home, stdout)`. The outcome, "What we are
changing about GP appointments", answers the GP appointments survey and is left as a draft:
publish it in the admin and "here is what happened" tells the people who took part, the
register members invited to the survey and the subscribers to primary care (the development
server prints the emails, or the worker sends them). Loading twice changes nothing: the
subscribers and the draft are only ever added when missing. Both people are fictional.
"""

from django.utils import timezone

from alerts.models import Frequency, Subscription
from pages.models import OpportunityPage, Topic, YouSaidWeDidIndexPage, YouSaidWeDidPage

OPPORTUNITY_SLUG = "gp-appointments-survey"
OUTCOME_SLUG = "gp-appointments-what-we-are-changing"

SUBSCRIBERS = [
    # (email, topic slugs, how often, new opportunities, new outcomes)
    ("alex.alerts@example.com", ["primary-care"], Frequency.IMMEDIATE, True, True),
    ("sam.summary@example.org", [], Frequency.WEEKLY, True, True),
]

OUTCOME = {
    "title": "What we are changing about GP appointments",
    "source": "survey",
    "you_said": "<p>Many of you told us that ringing at 8am was the hardest part of getting an "
    "appointment, and that you did not know who else at the practice could help.</p>",
    "we_did_summary": "Practices will take requests online all day, and reception teams will tell "
    "you about pharmacists and physiotherapists who can see you sooner.",
    "actions": [
        ("Every practice offers online appointment requests from 8am to 6:30pm.", "in_progress"),
        ("Reception teams are trained to offer the right professional first.", "planned"),
    ],
}


def _report(stdout, message):
    if stdout is not None:
        stdout.write(f"  {message}")


def ensure_subscribers(stdout=None):
    topics = {t.slug: t for t in Topic.objects.all()}
    added = 0
    for email, topic_slugs, frequency, opportunities, outcomes in SUBSCRIBERS:
        if Subscription.objects.for_email(email).exists():
            continue
        subscription = Subscription.objects.create(
            email=email,
            frequency=frequency,
            opportunities=opportunities,
            outcomes=outcomes,
            confirmed_at=timezone.now(),
        )
        subscription.topics.set([topics[s] for s in topic_slugs if s in topics])
        added += 1
    if added:
        _report(stdout, f"created   {added} email alert subscribers")


def ensure_draft_outcome(home, stdout=None):
    index = YouSaidWeDidIndexPage.objects.child_of(home).first()
    opportunity = OpportunityPage.objects.filter(slug=OPPORTUNITY_SLUG).first()
    if index is None or opportunity is None or YouSaidWeDidPage.objects.filter(slug=OUTCOME_SLUG).exists():
        return None
    fields = {k: v for k, v in OUTCOME.items() if k != "actions"}
    page = YouSaidWeDidPage(slug=OUTCOME_SLUG, live=False, opportunity=opportunity, **fields)
    for action, status in OUTCOME["actions"]:
        page.actions.add(page.actions.model(action=action, status=status))
    index.add_child(instance=page)
    page.topics.set(opportunity.topics.all())
    page.save_revision()
    _report(stdout, f"created   draft '{page.title}': publish it to tell the people who took part")
    return page


def build(home, stdout=None):
    ensure_subscribers(stdout)
    ensure_draft_outcome(home, stdout)
