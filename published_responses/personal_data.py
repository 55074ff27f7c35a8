"""Published responses in the subject access export, by the email address of the response.

involvement/personal_data.py calls `export` and `erase` for every app with a `personal_data`
module. The export lists, for each response given with that address, what staff decided, the
name to show and the text as it would be published. Erasure itself needs nothing here: the
questionnaires app redacts the responses, and that removes every published copy
(published_responses/scrub.py); `erase` reports how many there were.
"""

from published_responses.models import ModeratedResponse
from questionnaires.personal_data import responses_for

KEY = "published_responses"


def _rows(email):
    return ModeratedResponse.objects.filter(response__in=responses_for(email)).select_related("response")


def export(email, user=None):
    return [
        {
            "reference": row.response.reference,
            "decision": row.get_decision_display(),
            "name_to_show": row.name,
            "published_text": [{"question": item["label"], "text": item["text"]} for item in row.texts],
        }
        for row in _rows(email).order_by("response__submitted_at", "pk")
    ]


def erase(email, user=None):
    """Nothing of its own: the published copies go with the responses' free text (see above)."""
    return {"removed_with": "questionnaire_responses"}


def holds(email):
    return _rows(email).exists()
