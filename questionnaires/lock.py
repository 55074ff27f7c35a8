"""The lock on answered questions: once a questionnaire has a response, an edit that would break
the answers already given is refused, with the reason.

Compared with every version of the questions that has been answered (the revisions responses
record; the live version for a response whose revision is gone): removing a question, changing its
key, type or choices, or adding a required question, is refused. Fixing wording, hints and
conditions, and adding optional questions, is allowed.

Registered from apps.py twice: as an edit check of the opportunity form (pages/extensions.py), so
the editor says why before anything is saved, and as a publication check
(workflows/publication.py), so no route can make a breaking version live: approving the last
stage of a revision made before the first response, scheduled publishing, reverting to an old
revision, copying with publish, `revision.publish()` and the bulk actions all go through it.
"""

import json

from wagtail.models import Revision

from questionnaires.models import Response
from questionnaires.questions import breaking_changes, new_required_questions

LOCK_MESSAGE = "This questionnaire already has responses, so this change cannot be saved: {}"
PUBLISH_LOCK_MESSAGE = "This questionnaire already has responses, so this version cannot go live: {}"


def _stream(content):
    stream = (content or {}).get("questionnaire") or "[]"
    return json.loads(stream) if isinstance(stream, str) else stream


def answered_versions(page):
    """The questionnaires respondents answered: raw stream data of each distinct revision."""
    responses = Response.objects.filter(opportunity_id=page.pk)
    revision_ids = set(responses.values_list("revision_id", flat=True).distinct())
    if not revision_ids:
        return []
    versions = []
    for content in Revision.objects.filter(pk__in=revision_ids - {None}).values_list("content", flat=True):
        versions.append(_stream(content))
    if None in revision_ids and page.live_revision_id and page.live_revision_id not in revision_ids:
        live = Revision.objects.filter(pk=page.live_revision_id).values_list("content", flat=True).first()
        versions.append(_stream(live))
    return versions


def breaking(page, new_stream):
    """Why `new_stream` would break answers to `page`'s questionnaire, one reason each (empty: allowed)."""
    if page.pk is None:
        return []
    messages = []
    for old in answered_versions(page):
        for message in breaking_changes(old, new_stream):
            if message not in messages:
                messages.append(message)
        for key in new_required_questions(old, new_stream):
            message = (
                f"The new question '{key}' cannot be required: people who have already responded "
                "never saw it. Make it optional."
            )
            if message not in messages:
                messages.append(message)
    return messages


def lock_problems(page, new_stream):
    """The editor's refusals of `new_stream` for `page` (empty: allowed)."""
    return [LOCK_MESSAGE.format(message) for message in breaking(page, new_stream)]


def edit_check(page, cleaned_data):
    if "questionnaire" not in cleaned_data:
        return []
    return lock_problems(page, cleaned_data["questionnaire"])


def publication_check(page, revision):
    """The publishing rule's refusals of `revision` for `page`: the same lock, on every route."""
    if revision is None or page.pk is None:
        return []
    return [PUBLISH_LOCK_MESSAGE.format(message) for message in breaking(page, _stream(revision.content))]
