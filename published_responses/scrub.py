"""Erasure and retention reach the published copies: when a response loses its free text
(questionnaires/retention.py `redact`, on request or after the retention period), its moderation
record and every copy of its text in the publication (the live row and each revision) go too.
Connected from PublishedResponsesConfig.ready()."""

from django.db import transaction
from django.db.models.signals import post_save

from published_responses.models import ModeratedResponse, ResponsePublication
from questionnaires.models import Response


def _without(entries, response_id):
    return [entry for entry in entries or [] if entry.get("response") != response_id]


@transaction.atomic
def scrub(response):
    """Remove every published copy of `response`'s text."""
    ModeratedResponse.objects.filter(response_id=response.pk).delete()
    for publication in ResponsePublication.objects.select_for_update().filter(
        opportunity_id=response.opportunity_id
    ):
        if any(entry.get("response") == response.pk for entry in publication.entries or []):
            publication.entries = _without(publication.entries, response.pk)
            publication.save(update_fields=["entries"])
        for revision in publication.revisions.all():
            entries = (revision.content or {}).get("entries") or []
            if any(entry.get("response") == response.pk for entry in entries):
                revision.content = {**revision.content, "entries": _without(entries, response.pk)}
                revision.save(update_fields=["content"])


def _response_saved(sender, instance, update_fields=None, raw=False, **kwargs):
    if raw or instance.redacted_at is None:
        return
    if update_fields is not None and "redacted_at" not in update_fields:
        return
    scrub(instance)


def connect():
    post_save.connect(_response_saved, sender=Response, dispatch_uid="published_responses_scrub")
