"""Answers as staff read them: each question in order, its label, and the answer in words.

Shared by the Responses view (one response in full), the CSV and XLSX export and the subject
access export, so each shows the same words for the same answer. Also says which answers are free
text (short and long text, and "Other (please say)"), which erasure and retention remove.
"""

from involvement.personal_fields import EQUALITY_QUESTIONS
from questionnaires.questions import OTHER, all_questions, other_key, questions_of

FREE_TEXT_TYPES = frozenset({"short_text", "long_text"})


def questions_in_order(page):
    """Every answerable question of `page`'s questionnaire, in the order the sections ask them."""
    return all_questions(questions_of(page))


def in_words(question, value):
    """One stored value as text: choices by their labels, lists joined with '; '. Numbers stay numbers."""
    if value is None or value == "" or value == []:
        return ""
    if isinstance(value, list | tuple):
        return "; ".join(str(question.choice_label(part)) for part in value)
    if isinstance(value, bool | int | float):
        return value
    if question.choices or value == OTHER:
        return str(question.choice_label(value))
    return str(value)


def cells(question, answers):
    """The question's cells in an export: its answer, and the "Other" text if it offers one."""
    values = [in_words(question, answers.get(question.key))]
    if len(question.answer_keys) > 1:
        values.append(answers.get(other_key(question.key)) or "")
    return values


def answered(page, response):
    """[(key, label, answer in words), …] for one response, in question order."""
    answers = response.answers or {}
    rows = []
    for question in questions_in_order(page):
        answer = in_words(question, answers.get(question.key))
        follow_up = question.follow_up
        other = (
            answers.get(other_key(question.key))
            if follow_up and answers.get(question.key) == follow_up[0]
            else ""
        )
        rows.append((question.key, question.label, f"{answer}: {other}" if other else answer))
    return rows


def free_text_keys(page):
    """The answer keys whose values are typed text, which may identify someone."""
    keys = []
    for question in questions_in_order(page):
        if question.type in FREE_TEXT_TYPES:
            keys.append(question.key)
        if len(question.answer_keys) > 1:
            keys.append(other_key(question.key))
    return keys


ABOUT_YOU = [(field, question, dict(choices)) for field, question, choices in EQUALITY_QUESTIONS]


def about_you_in_words(about_you):
    """[(field, question, answer label), …] for every About you question (blank if not answered)."""
    about_you = about_you or {}
    return [
        (field, question, choices.get(about_you.get(field), "")) for field, question, choices in ABOUT_YOU
    ]
