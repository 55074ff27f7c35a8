"""The staff reach table of one opportunity, and the rule that highlights who is missing.

For each About you question and each answer: how many counted responses gave it, their share of
those who answered the question, the area's share (AreaPopulation), whether the plan's equality
impact assessment names the group, and how many register members matching the opportunity are in
it. Three queries whatever the number of responses: responses, members, population figures.

The highlighting rule (docs/reach.md), one home here: while the opportunity is open, a group is
*under-represented* when at least MIN_ANSWERS responses answered its question and the group's
share of them is below UNDER_FRACTION of its share of the area's population. A group the
assessment names is also flagged when the consultation has responses but none from the group
(however few answered the question).
Gaps in groups the assessment names are listed first.
"""

from dataclasses import dataclass
from decimal import Decimal

from core.equality import EQUALITY_QUESTIONS, QUESTION_NAMES
from involvement.models import Member
from pages.status import Status
from questionnaires.models import Response
from reach import counts
from reach.models import AreaPopulation

MIN_ANSWERS = 20
UNDER_FRACTION = Decimal("0.5")


@dataclass
class Group:
    """One row of the staff table."""

    code: str
    label: str
    responses: int
    share: Decimal | None  # percent of those who answered the question; None for the extra rows
    population: Decimal | None
    eia_named: bool
    members: int | None
    under: bool = False
    question_label: str = ""


@dataclass
class Question:
    """One question's rows."""

    name: str
    label: str
    answered: int
    groups: list


def under_represented(share, population, answered, eia_named, responses, total):
    """The highlighting rule: see the module's docstring."""
    if eia_named and total and responses == 0:
        return True
    if answered < MIN_ANSWERS or share is None or not population:
        return False
    return share < population * UNDER_FRACTION


def matching_members(page):
    """The register members an invitation to `page` would reach: its topics or audiences, or all."""
    topics = list(page.topics.values_list("pk", flat=True))
    audiences = list(page.audiences.values_list("pk", flat=True))
    if topics or audiences:
        return Member.objects.matching(topics, audiences)
    return Member.objects.reachable()


def staff_table(page, site=None):
    """{'total', 'open', 'questions': [Question], 'gaps': [Group]} for the opportunity `page`."""
    row = Response.objects.filter(opportunity_id=page.pk).aggregate(**counts.response_aggregates())
    total, responses = counts.by_group(row)
    _members_total, members = counts.by_group(matching_members(page).aggregate(**counts.member_aggregates()))
    site = site or page.get_site()
    shares = AreaPopulation.for_site(site).shares() if site else {}
    named = set(page.eia_groups or [])
    is_open = page.public_status == Status.OPEN
    questions, gaps = [], []
    for name, _question, _choices in EQUALITY_QUESTIONS:
        codes = counts.columns(name)
        answered = sum(responses[code] for code in codes if counts.is_real_answer(code))
        names = counts.labels(name)
        groups = []
        for code in codes:
            real = counts.is_real_answer(code)
            share = (
                (Decimal(100) * responses[code] / answered).quantize(Decimal("0.1"))
                if real and answered
                else None
            )
            group = Group(
                code=code,
                label=names[code],
                responses=responses[code],
                share=share,
                population=shares.get(code),
                eia_named=code in named,
                members=members[code] if real else None,
                question_label=QUESTION_NAMES[name],
            )
            group.under = (
                is_open
                and real
                and under_represented(
                    share, group.population, answered, group.eia_named, group.responses, total
                )
            )
            groups.append(group)
            if group.under:
                gaps.append(group)
        questions.append(Question(name=name, label=QUESTION_NAMES[name], answered=answered, groups=groups))
    gaps.sort(key=lambda g: (not g.eia_named, (g.share or 0) / g.population if g.population else 0))
    return {"total": total, "open": is_open, "questions": questions, "gaps": gaps, "named": named}
