"""Published responses for the urgent care consultation and the NHS 111 survey: for each, a few of
the made-up responses that said "May we publish your response? Yes" are published, one with a
redaction, prepared by `admin` and approved at Editorial review by `engagement`. Both publications
are live. The NHS 111 survey has closed, so its list shows at
`/get-involved/nhs-111-out-of-hours-survey/responses/`; the urgent care one shows at its
`responses/` once the consultation closes (before then that address is not found, as for any open
opportunity).

Called by `manage.py load_demo_content` as `build(home, stdout)`, after the responses are made.
An opportunity that already has a publication is left alone, so loading twice changes nothing.
"""

from django.contrib.auth import get_user_model
from django.db import transaction

from pages.models import OpportunityPage
from published_responses import moderation
from published_responses.consent import consented, original_texts
from published_responses.models import Decision, ResponsePublication

SLUGS = ("future-of-urgent-care", "nhs-111-out-of-hours-survey")
HOW_MANY = 5
REDACTED_WORDS = 2  # the last words of the first published answer, as if they named someone
REASON = "The last words could identify a member of staff."
APPROVAL = "Checked each response against its consent and the redaction: fine to publish."


def build(home, stdout=None):
    User = get_user_model()
    preparer = User.objects.filter(username="admin").first()
    approver = User.objects.filter(username="engagement").first()
    if preparer is None or approver is None:
        return
    for slug in SLUGS:
        page = OpportunityPage.objects.filter(slug=slug, live=True).first()
        if page is not None and not ResponsePublication.objects.filter(opportunity=page).exists():
            _publish(page, preparer, approver, stdout)


def _publish(page, preparer, approver, stdout):
    chosen = [response for response in consented(page)[:50] if original_texts(page, response)][:HOW_MANY]
    if not chosen:
        return
    with transaction.atomic():
        for response in chosen:
            moderation.decide(page, response.pk, Decision.PUBLISHED, preparer)
        first = original_texts(page, chosen[0])[0]
        phrase = " ".join(first["text"].rstrip(".").split()[-REDACTED_WORDS:])
        moderation.redact(page, chosen[0].pk, first["key"], phrase, REASON, preparer)
        publication, _revision = moderation.prepare(page, preparer)
        publication.refresh_from_db()
        task_state = publication.current_workflow_task_state
        if task_state is not None:
            task_state.task.specific.on_action(task_state, approver, "approve", comment=APPROVAL)
    if stdout is not None:
        stdout.write(f"  {len(chosen)} published responses to {page.title}, approved at Editorial review")
