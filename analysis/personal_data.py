"""What the analysis holds about a respondent, in the subject access export and in erasure.

involvement/personal_data.py calls `export` and `erase` for every app with a `personal_data`
module. A response's quotes (words of the answer, marked for use) and analysts' notes about it are
the person's data: the export lists them for each response given with the address. Erasure and
the retention job both work by redacting the response (questionnaires/retention.py `redact`),
which blanks its address, so the quotes and notes go when the response loses its free text
(`connect`, from AnalysisConfig.ready()), whichever way that happens. The theme codings stay:
they hold no words, and the counts they give stay true, as the response's choices do.
"""

from django.db import transaction
from django.db.models.signals import post_save

from analysis.models import Note, Quote
from questionnaires.models import Response
from questionnaires.personal_data import responses_for

KEY = "response_analysis"


def export(email, user=None):
    responses = responses_for(email)
    quotes = Quote.objects.filter(response__in=responses).select_related("response")
    notes = Note.objects.filter(response__in=responses).select_related("response")
    return {
        "quotes": [
            {"reference": q.response.reference, "question": q.question_key, "excerpt": q.excerpt}
            for q in quotes.order_by("response__submitted_at", "pk")
        ],
        "notes": [
            {"reference": n.response.reference, "note": n.text, "written": n.created_at.isoformat()}
            for n in notes.order_by("response__submitted_at", "pk")
        ],
    }


def erase(email, user=None):
    """Nothing of its own: quotes and notes go with the responses' free text (see above)."""
    return {"removed_with": "questionnaire_responses"}


def holds(email):
    responses = responses_for(email)
    return Quote.objects.filter(response__in=responses).exists() or (
        Note.objects.filter(response__in=responses).exists()
    )


@transaction.atomic
def forget(response):
    """Remove the quotes from, and the notes about, a response that has lost its free text."""
    Quote.objects.filter(response=response).delete()
    Note.objects.filter(response=response).delete()


def _response_saved(sender, instance, update_fields=None, raw=False, **kwargs):
    if raw or instance.redacted_at is None:
        return
    if update_fields is not None and "redacted_at" not in update_fields:
        return
    forget(instance)


def connect():
    post_save.connect(_response_saved, sender=Response, dispatch_uid="analysis_forget_redacted")
