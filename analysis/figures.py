"""Each question's answers counted in the database: the figures of the analysis view and its exports.

Only responses counted in public are analysed (questionnaires/counting.py: not duplicate or
withdrawn, and not late unless accepted). Every closed question (single and multiple choice, the
agreement scale, the Friends and Family Test, yes/no) and every number bucket is one conditional
`Count` in a single aggregate query over the (filtered) responses, using JSON key lookups; each
postcode district question is one grouped query; theme counts are one more. So the number of
queries depends on the questionnaire, never on how many responses there are.

Percentages are of the responses that answered the question (its base, shown as the total row).
For multiple choice one response may tick several answers, so the percentages add up to more
than 100.
"""

import json
import math
from dataclasses import dataclass

from django.db import connection
from django.db.models import Count, Q
from django.db.models.fields.json import KT

from analysis.models import Coding, Theme
from core.charts import bar_chart
from core.tables import Table, headings, number, text
from questionnaires.answers import questions_in_order
from questionnaires.counting import counted
from questionnaires.models import Response
from questionnaires.questions import OTHER, OTHER_LABEL

CLOSED_TYPES = ("single_choice", "multiple_choice", "agreement", "fft", "yes_no")
COUNTED_TYPES = (*CLOSED_TYPES, "number", "postcode_district")
FREE_TEXT_TYPES = ("short_text", "long_text")
BUCKETS = 5  # a bounded number question is split into at most this many ranges
OPEN_BUCKETS = ((None, 0), (0, 1), (1, 5), (5, 10), (10, 20), (20, None))  # [low, high)


def contains_q(key, value):
    """Q() for a multiple-choice answer (a JSON list) that includes `value`, on PostgreSQL or SQLite."""
    if connection.vendor == "postgresql":
        return Q(**{f"answers__{key}__contains": [value]})
    # SQLite has no JSON containment: match the value as it is written inside the list's JSON text.
    encoded = {json.dumps(value), json.dumps(value, ensure_ascii=False)}
    q = Q()
    for form in encoded:
        q |= Q(**{f"_kt_{key}__contains": form})
    return q


def answer_q(question, value):
    """Q() for responses whose answer to `question` is (or, for multiple choice, includes) `value`."""
    if question.type == "multiple_choice":
        return contains_q(question.key, value)
    return Q(**{f"answers__{question.key}": value})


def needs_text_alias(questions):
    """The KT() aliases contains_q needs on SQLite: {alias: KT(...)} for each multiple choice question."""
    if connection.vendor == "postgresql":
        return {}
    return {f"_kt_{q.key}": KT(f"answers__{q.key}") for q in questions if q.type == "multiple_choice"}


def number_buckets(question):
    """[(label, low, high)] ranges [low, high) for a number question: from its bounds, or fixed ones."""
    low, high = question.options.get("min_value"), question.options.get("max_value")
    if low is not None and high is not None and high >= low:
        width = max(1, math.ceil((high - low + 1) / BUCKETS))
        ranges = []
        start = low
        while start <= high:
            end = min(start + width - 1, high)
            ranges.append((f"{start}" if start == end else f"{start} to {end}", start, end + 1))
            start = end + 1
        return ranges
    labels = []
    for start, end in OPEN_BUCKETS:
        if start is None:
            labels.append(("Below 0", None, end))
        elif end is None:
            labels.append((f"{start} or more", start, None))
        elif end - start == 1:
            labels.append((f"{start}", start, end))
        else:
            labels.append((f"{start} to {end - 1}", start, end))
    return labels


def _range_q(key, low, high):
    q = Q(**{f"answers__{key}__isnull": False})
    if low is not None:
        q &= Q(**{f"answers__{key}__gte": low})
    if high is not None:
        q &= Q(**{f"answers__{key}__lt": high})
    return q


def _options(question):
    """[(label, Q)] for each answer of a closed or number question."""
    if question.type == "number":
        return [(label, _range_q(question.key, low, high)) for label, low, high in number_buckets(question)]
    options = [(label, answer_q(question, value)) for value, label in question.choices]
    if question.options.get("allow_other"):
        options.append((OTHER_LABEL, answer_q(question, OTHER)))
    return options


def _answered_q(question):
    q = Q(**{"answers__has_key": question.key})
    if question.type in ("multiple_choice",):
        q &= ~Q(**{f"answers__{question.key}": []})
    return q & ~Q(**{f"answers__{question.key}": ""}) & ~Q(**{f"answers__{question.key}": None})


@dataclass
class QuestionFigures:
    """One question's figures: its table (with chart) and how many answered it."""

    question: object
    answered: int
    table: Table


def _percent(count, base):
    return f"{100 * count / base:.1f}%" if base else "0.0%"


def _table(question, rows, answered, position):
    key = f"q{position}-{question.key}"
    caption = question.label or question.key
    table_rows = [[text(label), number(count), text(_percent(count, answered))] for label, count in rows]
    note = ""
    if question.type == "multiple_choice":
        note = "People could choose more than one answer, so the percentages add up to more than 100."
    return Table(
        key=key,
        caption=caption,
        headings=headings("Answer", "Responses", "Percentage of those who answered", numeric={1, 2}),
        rows=table_rows,
        total=[text("Answered this question"), number(answered), text("100.0%" if answered else "0.0%")],
        chart=bar_chart(f"chart-{key}", caption, rows),
        empty="Nobody answered this question.",
        note=note,
    )


def question_figures(page, responses, questions=None):
    """{'total': n, 'questions': [QuestionFigures]} for the questions that can be counted."""
    questions = questions_in_order(page) if questions is None else questions
    counted = [q for q in questions if q.type in COUNTED_TYPES]
    aggregates = {"total": Count("pk")}
    for index, question in enumerate(counted):
        aggregates[f"a{index}"] = Count("pk", filter=_answered_q(question))
        if question.type != "postcode_district":
            for option, (_label, q) in enumerate(_options(question)):
                aggregates[f"a{index}_{option}"] = Count("pk", filter=q)
    row = responses.alias(**needs_text_alias(counted)).aggregate(**aggregates)
    figures = []
    for index, question in enumerate(counted):
        answered = row[f"a{index}"]
        if question.type == "postcode_district":
            rows = _districts(responses, question)
        else:
            rows = [
                (label, row[f"a{index}_{option}"]) for option, (label, _q) in enumerate(_options(question))
            ]
        figures.append(QuestionFigures(question, answered, _table(question, rows, answered, index + 1)))
    return {"total": row["total"], "questions": figures}


def _districts(responses, question):
    """[(district, n)] most common first, then alphabetically: one grouped query."""
    rows = (
        responses.filter(**{f"answers__{question.key}__isnull": False})
        .exclude(**{f"answers__{question.key}": ""})
        .annotate(district=KT(f"answers__{question.key}"))
        .order_by()
        .values("district")
        .annotate(n=Count("pk"))
    )
    found = [(str(r["district"]).upper(), r["n"]) for r in rows]
    return sorted(found, key=lambda item: (-item[1], item[0]))


def theme_counts(page, responses):
    """{question key: [(Theme, n responses)]} of the coding frame, every theme listed; one query each."""
    themes = list(Theme.objects.filter(opportunity=page))
    counts = {}
    rows = (
        Coding.objects.filter(response__in=responses, theme__opportunity=page)
        .order_by()
        .values("question_key", "theme_id")
        .annotate(n=Count("response_id", distinct=True))
    )
    for item in rows:
        counts[(item["question_key"], item["theme_id"])] = item["n"]
    keys = [q.key for q in questions_in_order(page) if q.type in FREE_TEXT_TYPES]
    return {key: [(theme, counts.get((key, theme.pk), 0)) for theme in themes] for key in keys}, themes


def theme_tables(page, responses):
    """[Table] of theme counts, one per free-text question, with a chart each."""
    by_key, _themes = theme_counts(page, responses)
    labels = {q.key: q.label or q.key for q in questions_in_order(page)}
    tables = []
    for position, (key, rows) in enumerate(by_key.items(), start=1):
        caption = f"Themes in: {labels.get(key, key)}"
        values = [(theme.name, n) for theme, n in rows]
        tables.append(
            Table(
                key=f"themes-{position}-{key}",
                caption=caption,
                headings=headings("Theme", "Responses", numeric={1}),
                rows=[[text(name), number(n)] for name, n in values],
                chart=bar_chart(f"chart-themes-{position}-{key}", caption, values),
                empty="No themes in the coding frame yet.",
                note="One answer can have several themes.",
            )
        )
    return tables


def analysed(page):
    """The responses the analysis counts: those counted in public (questionnaires/counting.py)."""
    return counted(Response.objects.filter(opportunity_id=page.pk))
