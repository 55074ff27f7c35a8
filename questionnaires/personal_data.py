"""Questionnaire responses and saved drafts in the subject access export and in erasure, by email.

involvement/personal_data.py calls `export` and `erase` for every app whose AppConfig has a
`personal_data` module (questionnaires/apps.py). A response or a draft is found by the email
address given for a receipt or to save and come back, ignoring case; a response sent without one
cannot be found by address. The export lists each response in full (the questions and answers,
About you, the consent version) and each saved draft. Erasure redacts responses as the retention
job does (questionnaires/retention.py: free text, the address and About you go, the choices stay
so the counts stay true) and deletes the drafts. An erasure is written to the erasure ledger
(involvement/erasure_ledger.py, outside the backups), and after a restore `reapply` erases again
the responses and drafts of everyone the ledger lists since the backup was taken.
"""

from django.utils import timezone

from questionnaires.answers import about_you_in_words, answered
from questionnaires.models import Draft, Response
from questionnaires.retention import redact

KEY = "questionnaire_responses"


def _address(email):
    return (email or "").strip()


def responses_for(email):
    address = _address(email)
    if not address:
        return Response.objects.none()
    return Response.objects.filter(email__iexact=address)


def drafts_for(email):
    address = _address(email)
    if not address:
        return Draft.objects.none()
    return Draft.objects.filter(email__iexact=address)


def _when(value):
    return timezone.localtime(value).isoformat() if value else None


def _page_answered(response):
    return response.revision.as_object() if response.revision_id else response.opportunity.specific


def response_record(response):
    return {
        "reference": response.reference,
        "opportunity": response.opportunity.title,
        "submitted_at": _when(response.submitted_at),
        "channel": response.get_channel_display(),
        "late": response.late,
        "status": response.get_status_display(),
        "email": response.email,
        "answers": [
            {"question": label, "key": key, "answer": answer}
            for key, label, answer in answered(_page_answered(response), response)
        ],
        "about_you": [
            {"question": question, "answer": answer}
            for _field, question, answer in about_you_in_words(response.about_you)
            if answer
        ],
        "privacy_notice": response.consent_version,
        "free_text_removed_at": _when(response.redacted_at),
    }


def draft_record(draft):
    return {
        "opportunity": draft.opportunity.title,
        "saved_at": _when(draft.updated_at),
        "expires_at": _when(draft.expires_at),
        "email": draft.email,
        "answers": draft.answers,
        "about_you": draft.about_you,
    }


def export(email, user=None):
    """{'responses': […], 'saved_drafts': […]} held for `email`."""
    responses = responses_for(email).select_related("opportunity", "revision").order_by("submitted_at", "pk")
    drafts = drafts_for(email).select_related("opportunity").order_by("created_at", "pk")
    return {
        "responses": [response_record(response) for response in responses],
        "saved_drafts": [draft_record(draft) for draft in drafts],
    }


def erase(email, user=None):
    """Redact the responses and delete the drafts held for `email`: {'responses': [refs], 'drafts': n}."""
    responses = responses_for(email)
    references = list(responses.order_by("pk").values_list("reference", flat=True))
    redact(responses, user=user, reason="request")
    drafts, _by_model = drafts_for(email).delete()
    return {"responses": references, "drafts": drafts}


def reapply(erased, reason="erased again after a restore"):
    """Redact the responses and delete the drafts whose address `erased(address)` says was erased
    (the erasure ledger, after a restore): {'responses': [refs], 'drafts': n}."""
    addresses = {
        address
        for address in [
            *Response.objects.filter(redacted_at__isnull=True)
            .exclude(email="")
            .values_list("email", flat=True),
            *Draft.objects.exclude(email="").values_list("email", flat=True),
        ]
        if erased(address)
    }
    if not addresses:
        return {"responses": [], "drafts": 0}
    responses = Response.objects.filter(email__in=addresses)
    references = list(responses.order_by("pk").values_list("reference", flat=True))
    redact(responses, reason=reason)
    drafts, _by_model = Draft.objects.filter(email__in=addresses).delete()
    return {"responses": references, "drafts": drafts}


def holds(email):
    return responses_for(email).exists() or drafts_for(email).exists()
