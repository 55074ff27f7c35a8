"""The moderation actions: publish, decline or redact one consented response, and put the
published set into a new version of the opportunity's publication for Editorial review.

Each action locks the response's row first (select_for_update), and ModeratedResponse.response is
unique, so a double submit or two staff acting at once decide once; an action that changes nothing
writes nothing. Every change is in the audit log against "Response R7K3-9QXP", with the reason of
a redaction, never the text redacted.
"""

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from published_responses.consent import consent_question, may_publish, name_to_show, original_texts
from published_responses.exceptions import ModerationRefused
from published_responses.models import REDACTED, Decision, ModeratedResponse, ResponsePublication
from questionnaires.models import Response

NOT_CONSENTED = "This response cannot be published: its author did not agree, or it was withdrawn or erased."


def label(response):
    return f"Response {response.reference}"


def _locked(page, response_id):
    """(response, its moderation) with the response's row locked; refused unless it may be published."""
    response = Response.objects.select_for_update().filter(pk=response_id, opportunity_id=page.pk).first()
    question = consent_question(page)
    if response is None or not may_publish(response, question):
        raise ModerationRefused(NOT_CONSENTED)
    moderation, _created = ModeratedResponse.objects.get_or_create(
        response=response,
        defaults={
            "opportunity_id": page.pk,
            "texts": original_texts(page, response),
            "name": name_to_show(response, question),
        },
    )
    return response, moderation


@transaction.atomic
def decide(page, response_id, decision, user):
    """Publish or decline; returns the moderation. Deciding what is already decided changes nothing."""
    if decision not in (Decision.PUBLISHED, Decision.DECLINED):
        raise ModerationRefused("Choose to publish or to decline.")
    response, moderation = _locked(page, response_id)
    if moderation.decision != decision:
        previous = moderation.decision
        moderation.decision, moderation.decided_by, moderation.decided_at = decision, user, timezone.now()
        moderation.save(update_fields=["decision", "decided_by", "decided_at"])
        log(
            response,
            f"published_responses.{'publish' if decision == Decision.PUBLISHED else 'decline'}",
            user=user,
            title=label(response),
            data={"from": previous, "to": decision},
        )
    return moderation


@transaction.atomic
def redact(page, response_id, key, phrase, reason, user):
    """Replace every occurrence of `phrase` in the answer to `key` with [redacted]; returns how many.

    The reason goes to the audit log; the phrase goes nowhere, and the response keeps its original.
    """
    response, moderation = _locked(page, response_id)
    phrase = phrase or ""
    texts = [dict(item) for item in moderation.texts]
    target = next((item for item in texts if item["key"] == key), None)
    if target is None:
        raise ModerationRefused("Choose one of this response's answers.")
    count = target["text"].count(phrase) if phrase.strip() else 0
    if not count:
        raise ModerationRefused("That text is not in the answer (copy it exactly, as it is shown now).")
    target["text"] = target["text"].replace(phrase, REDACTED)
    moderation.texts = texts
    moderation.redactions += count
    moderation.save(update_fields=["texts", "redactions"])
    log(
        response,
        "published_responses.redact",
        user=user,
        title=label(response),
        data={"question": key, "reason": reason, "occurrences": count},
    )
    return count


def publishable(page):
    """The moderations decided "publish" whose responses may still be published, oldest first."""
    question = consent_question(page)
    rows = (
        ModeratedResponse.objects.filter(opportunity_id=page.pk, decision=Decision.PUBLISHED)
        .select_related("response")
        .order_by("response__submitted_at", "response_id")
    )
    return [row for row in rows if may_publish(row.response, question)]


@transaction.atomic
def prepare(page, user):
    """A new version of the opportunity's publication holding what is decided "publish" now,
    submitted to its workflow (Editorial review) unless a review is already under way, which then
    decides this version. Returns (publication, revision). Nothing goes live here."""
    publication, _created = ResponsePublication.objects.get_or_create(
        opportunity_id=page.pk,
        defaults={"title": f"Published responses: {page.title}"[:255], "live": False, "entries": []},
    )
    publication = ResponsePublication.objects.select_for_update().get(pk=publication.pk)
    draft = publication.get_latest_revision_as_object() if publication.latest_revision_id else publication
    draft.entries = [row.entry() for row in publishable(page)]
    revision = draft.save_revision(user=user)
    publication.refresh_from_db()
    workflow = publication.get_workflow()
    if workflow is not None and not publication.workflow_in_progress:
        workflow.start(publication, user)
    return publication, revision
