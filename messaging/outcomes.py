"""'Here is what happened': telling the people who took part when the outcome is published.

When a "You said, We did" page that answers an opportunity goes live, every registered audience
is asked who should hear about it, and each distinct address gets one message, once.

An audience is a function `fn(outcome_page) -> iterable of messaging.outbox.Recipient`, registered
by the app that knows those people, in its AppConfig.ready():

    from messaging import outcomes
    outcomes.register_audience("invited members", invited_members)

Registered today: "alert subscribers" (alerts: immediate subscribers to the outcome's topics) and
"invited members" (involvement). Questionnaires register their respondents who gave an email
address and asked to hear back, and events their attendees, the same way. A function returns the
people and what is particular to each (name, subject_ref, an unsubscribe_url for a bulk list);
the message itself, its dedupe key and its purpose ("outcome") are set here.

Publishing only queues a task, after the publishing transaction commits. The task asks the
audiences in the order they registered; an address two audiences return (ignoring case and
spaces) is sent to once, as the first audience described it. The dedupe key
"outcome:<page id>:<keyed hash of the address>" makes a republished page, or the task run
twice, send nothing more.
"""

from django.db import transaction
from django_tasks import task
from wagtail.signals import page_published

from core.hashing import keyed_hash
from messaging.addresses import normalise
from messaging.outbox import send_many
from pages.models import YouSaidWeDidPage

TEMPLATE = "messaging/email/outcome"

_audiences = {}


def register_audience(name, fn):
    """Add (or, under the same name, replace) an audience of "here is what happened"."""
    _audiences[name] = fn


def audiences():
    return dict(_audiences)


def dedupe_key(page, address):
    return f"outcome:{page.pk}:{keyed_hash('messaging.outcome', normalise(address))[:40]}"


def recipients_for(page):
    """Every audience's recipients of `page`, one per distinct address, each with its dedupe key."""
    chosen = {}
    for fn in list(_audiences.values()):
        for recipient in fn(page):
            address = normalise(recipient.to)
            if address and address not in chosen:
                recipient.dedupe_key = dedupe_key(page, recipient.to)
                chosen[address] = recipient
    return list(chosen.values())


def page_context(page):
    opportunity = page.opportunity
    return {
        "outcome": {
            "title": page.title,
            "url": page.full_url,
            "summary": page.we_did_summary,
            "actions": [action.action for action in page.actions.all()],
        },
        "opportunity": {"title": opportunity.title if opportunity else ""},
    }


@task()
def tell_what_happened(page_id):
    """Queue the message about outcome `page_id` to its audiences; returns how many were asked for."""
    page = YouSaidWeDidPage.objects.live().public().filter(pk=page_id, opportunity__isnull=False).first()
    if page is None:
        return 0
    recipients = recipients_for(page)
    send_many(recipients, template=TEMPLATE, context=page_context(page), purpose="outcome")
    return len(recipients)


def on_published(sender, instance, **kwargs):
    if not instance.opportunity_id:
        return
    page_id = instance.pk
    transaction.on_commit(lambda: tell_what_happened.enqueue(page_id))


# Connected when the module is first imported (an app's ready() registering its audience).
page_published.connect(on_published, sender=YouSaidWeDidPage, dispatch_uid="messaging.outcomes")
