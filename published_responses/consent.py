"""Which responses may be published: those whose author answered the questionnaire's consent
question (pages/question_blocks.py `PublishConsentBlock`) "Yes, with my name" or "Yes,
anonymously", that were not withdrawn and whose free text has not been removed (erasure or
retention, questionnaires/retention.py). The one home of that rule: the moderation queue, the
moderation actions and the public listing all ask here."""

from pages.question_blocks import PUBLISH_WITH_NAME
from questionnaires.answers import FREE_TEXT_TYPES
from questionnaires.models import Response, ResponseStatus
from questionnaires.questions import all_questions, other_key, questions_of

YES = (PUBLISH_WITH_NAME, "anonymously")


def consent_question(page):
    """The page's consent question (a questions.Question), or None when it does not ask."""
    for question in all_questions(questions_of(page)):
        if question.type == "publish_consent":
            return question
    return None


def consented(page, question=None):
    """The responses to `page` that may be published, oldest first (none if it does not ask)."""
    question = question or consent_question(page)
    if question is None:
        return Response.objects.none()
    return (
        Response.objects.filter(opportunity_id=page.pk, redacted_at__isnull=True)
        .exclude(status=ResponseStatus.WITHDRAWN)
        .filter(**{f"answers__{question.key}__in": YES})
        .order_by("submitted_at", "pk")
    )


def may_publish(response, question):
    """The same rule for one response already in hand."""
    answers = response.answers or {}
    return (
        question is not None
        and response.redacted_at is None
        and response.status != ResponseStatus.WITHDRAWN
        and answers.get(question.key) in YES
    )


def name_to_show(response, question):
    """The name given with "Yes, with my name", or "" to publish anonymously."""
    answers = response.answers or {}
    if answers.get(question.key) != PUBLISH_WITH_NAME:
        return ""
    return " ".join(str(answers.get(other_key(question.key)) or "").split())


def original_texts(page, response):
    """[{"key", "label", "text"}] of the response's free-text answers, in question order: what a
    published response shows. The name given for publishing is not one of them."""
    answers = response.answers or {}
    texts = []
    for question in all_questions(questions_of(page)):
        text = str(answers.get(question.key) or "").strip() if question.type in FREE_TEXT_TYPES else ""
        if text:
            texts.append({"key": question.key, "label": question.label, "text": text})
    return texts
