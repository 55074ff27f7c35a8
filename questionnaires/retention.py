"""Removing what may identify a respondent while keeping what they told us to count.

One rule, used by erasure on request (questionnaires/personal_data.py) and by the retention job
(`manage.py remove_old_response_text`, run daily from cron): a redacted response loses its free
text (short and long text answers and "Other (please say)" text), its email address and its About
you answers, and records when (`redacted_at`). It keeps its reference, channel, dates, status and
every choice, scale, yes/no, number, date and postcode district answer, so the counts by channel,
by week and by answer stay true. Saved drafts are deleted outright: nothing counts them.

The retention job redacts responses to opportunities whose outcome was published (the date of the
first live "You said, We did" page answering them) `QUESTIONNAIRE_RETENTION_YEARS` (default 3)
years ago or more.
"""

from django.conf import settings
from django.db import transaction
from django.db.models import Min, OuterRef, Subquery
from django.utils import timezone
from wagtail.log_actions import log

from involvement.models import years_before
from pages.models import YouSaidWeDidPage
from questionnaires.answers import free_text_keys
from questionnaires.models import Draft, Response

REDACTED = {"email": "", "about_you": {}}


def retention_years():
    return settings.QUESTIONNAIRE_RETENTION_YEARS


def redacted_answers(answers, keys):
    """The answers without the free text: those keys are removed, everything else kept."""
    return {key: value for key, value in (answers or {}).items() if key not in keys}


def _free_text_keys_by_revision(responses):
    """Free text keys of each page version answered, read once per revision, not per response."""
    keys = {}
    for response in responses:
        marker = (response.opportunity_id, response.revision_id)
        if marker not in keys:
            page = response.revision.as_object() if response.revision_id else response.opportunity.specific
            keys[marker] = set(free_text_keys(page))
    return keys


def redact(responses, *, user=None, reason):
    """Redact these responses (see the module's docstring); returns how many were changed."""
    responses = list(responses.select_related("opportunity", "revision"))
    keys = _free_text_keys_by_revision(responses)
    now = timezone.now()
    with transaction.atomic():
        for response in responses:
            response.answers = redacted_answers(
                response.answers, keys[(response.opportunity_id, response.revision_id)]
            )
            response.email, response.about_you, response.redacted_at = "", {}, now
            response.save(update_fields=["answers", "email", "about_you", "redacted_at"])
            log(
                response,
                "questionnaires.redact",
                user=user,
                title=f"Response {response.reference}",
                data={"reason": reason},
            )
    return len(responses)


def outcome_published_on():
    """Subquery: the date of the earliest live, public "You said, We did" page answering the opportunity."""
    outcomes = (
        YouSaidWeDidPage.objects.live()
        .public()
        .filter(opportunity=OuterRef("opportunity_id"))
        .order_by()
        .values("opportunity")
        .annotate(first=Min("date"))
        .values("first")
    )
    return Subquery(outcomes[:1])


def due(today=None, years=None):
    """Responses not yet redacted whose opportunity's outcome was published `years` or more ago."""
    today = today or timezone.localdate()
    years = retention_years() if years is None else years
    cutoff = years_before(today, years)
    return (
        Response.objects.filter(redacted_at__isnull=True)
        .annotate(outcome_on=outcome_published_on())
        .filter(outcome_on__lte=cutoff)
    )


def drafts_due(today=None, years=None):
    today = today or timezone.localdate()
    years = retention_years() if years is None else years
    outcomes = YouSaidWeDidPage.objects.live().public().filter(date__lte=years_before(today, years))
    return Draft.objects.filter(opportunity__in=outcomes.values("opportunity"))


def apply(today=None, years=None):
    """Redact every response due and delete the drafts of the same opportunities: (responses, drafts)."""
    years = retention_years() if years is None else years
    count = redact(due(today, years), reason=f"outcome published {years} years ago")
    drafts, _by_model = drafts_due(today, years).delete()
    return count, drafts
