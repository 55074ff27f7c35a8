"""What the public flow emails, through the messaging outbox: a receipt and a save-and-return link.

A receipt lists the answers in words and the reference; its dedupe key is the response's, so a
response is receipted at most once. A save-and-return link is a signed single-use token that
expires when the consultation closes (questionnaires/flow.py).
"""

from django.utils import timezone

from messaging import outbox
from questionnaires.answers import ABOUT_YOU, in_words
from questionnaires.questions import other_key

RECEIPT_PURPOSE = "questionnaire-receipt"
RETURN_PURPOSE = "questionnaire-return"


def answer_rows(sections, answers):
    """[(section number, title, [(key, question label, answer in words)])] for the visible questions."""
    rows = []
    for number, section, items in sections:
        lines = []
        for question, value in items:
            text = in_words(question, value)
            if question.follow_up and value == question.follow_up[0] and answers.get(other_key(question.key)):
                text = f"{text}: {answers[other_key(question.key)]}"
            lines.append((question.key, question.label, text or "Not answered"))
        rows.append((number, section.title, lines))
    return rows


def about_you_rows(about_you):
    return [
        (question, choices.get(about_you.get(field), "Not answered"))
        for field, question, choices in ABOUT_YOU
    ]


def send_receipt(flow, response):
    context = {
        "title": flow.page.title,
        "reference": response.reference,
        "late": response.late,
        "submitted_at": timezone.localtime(response.submitted_at),
        "sections": answer_rows(flow.visible_answers_for(response.answers), response.answers),
    }
    return outbox.send(
        to=response.email,
        template="questionnaires/email/receipt",
        context=context,
        purpose=RECEIPT_PURPOSE,
        dedupe_key=f"{RECEIPT_PURPOSE}:{response.pk}",
        subject_ref=f"questionnaire-response:{response.pk}",
    )


def send_return_link(flow, draft):
    context = {
        "title": flow.page.title,
        "url": flow.return_url(draft),
        "expires": timezone.localtime(draft.expires_at),
    }
    return outbox.send(
        to=draft.email,
        template="questionnaires/email/return_link",
        context=context,
        purpose=RETURN_PURPOSE,
        subject_ref=f"questionnaire-draft:{draft.pk}",
    )
