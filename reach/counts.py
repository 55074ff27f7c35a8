"""Counting About you answers in the database: one aggregate query, whatever the number of rows.

Each question's answers become a Count with a filter (`about_you__age_band = '18_24'`), so a
consultation's whole reach table is one SQL statement, and the same for the register's members.
Responses are those counted in public (questionnaires/counting.py).
"""

from django.db.models import Count, Q

from core.equality import CHOICES, EQUALITY_QUESTIONS, PREFER_NOT, group_code
from questionnaires.counting import counted_q

NOT_ANSWERED = "not_answered"


def answer_codes():
    """[(question, answer)] for every answer to every question, "Prefer not to say" included."""
    return [(name, value) for name, _question, choices in EQUALITY_QUESTIONS for value, _label in choices]


def _alias(question, answer):
    return f"n__{question}__{answer}"


def response_aggregates(prefix=""):
    """{alias: Count} for each answer and the total, over responses (or a relation to them)."""
    counted = counted_q(prefix)
    aggregates = {"n__total": Count(f"{prefix}pk", filter=counted)}
    for question, answer in answer_codes():
        condition = Q(**{f"{prefix}about_you__{question}": answer})
        aggregates[_alias(question, answer)] = Count(f"{prefix}pk", filter=counted & condition)
    return aggregates


def member_aggregates():
    """{alias: Count} for each answer and the total, over register members (their own columns)."""
    aggregates = {"n__total": Count("pk")}
    for question, answer in answer_codes():
        aggregates[_alias(question, answer)] = Count("pk", filter=Q(**{question: answer}))
    return aggregates


def by_group(row):
    """An aggregate row -> (total, {group code: n}), with each question's NOT_ANSWERED worked out."""
    total = row["n__total"] or 0
    counts = {}
    for name, _question, choices in EQUALITY_QUESTIONS:
        answered = 0
        for value, _label in choices:
            n = row[_alias(name, value)] or 0
            counts[group_code(name, value)] = n
            answered += n
        counts[group_code(name, NOT_ANSWERED)] = total - answered
    return total, counts


def columns(question):
    """The group codes of one question's table, in order: its answers, then 'Not answered'."""
    return [group_code(question, value) for value, _label in CHOICES[question]] + [
        group_code(question, NOT_ANSWERED)
    ]


def labels(question):
    """{group code: what the table calls it} for one question's columns."""
    return {
        **{group_code(question, value): label for value, label in CHOICES[question]},
        group_code(question, NOT_ANSWERED): "Not answered",
    }


def is_real_answer(code):
    """True for a group people belong to, not 'Prefer not to say' or 'Not answered'."""
    return code.rpartition(":")[2] not in (PREFER_NOT[0], NOT_ANSWERED)
