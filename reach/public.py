"""Who we heard from, as the public sees it: the outcome pages' tables and the annual report's.

A consultation belongs to the reporting year (April to March) it closes in, or opens in when it
has no closing date. For each year and each About you question, the tables of that year's
consultations and the year's own table (the sum of them) are suppressed together with
`core.suppression.suppress_linked`, so no page, nor any difference between two pages, gives away
a count under 5. A consultation with no live outcome page yet counts in the year but shows
nothing. Two queries whatever the number of responses: the counts per consultation (with whether
each has a live outcome page), and the area's population figures.
"""

from dataclasses import dataclass

from django.db.models import Exists, F, OuterRef
from django.db.models.functions import Coalesce

from core.dates import reporting_year_bounds, reporting_year_start
from core.equality import EQUALITY_QUESTIONS, QUESTION_NAMES
from core.suppression import figure, suppress_linked
from pages.models import OpportunityPage, YouSaidWeDidPage
from reach import counts
from reach.models import PopulationFigure


@dataclass
class PublicRow:
    """One group in a public table: its label, the suppressed count and the area's share."""

    label: str
    count: object  # core.suppression.Figure
    population: object  # Decimal percentage or None


@dataclass
class PublicTable:
    """One question's public table."""

    name: str
    label: str
    rows: list


@dataclass
class PublicReach:
    """A whole public reach section: the total and a table per question (empty if no responses)."""

    total: object
    tables: list
    source: str = ""


def year_of(opportunity):
    return reporting_year_start(opportunity.closes or opportunity.opens)


def _year_grid(start_year, also_published=()):
    """({opportunity pk: (total, {code: n})}, {pks with a live outcome page}) for the year, in one
    query: each opportunity held in the year, its responses counted by group, and whether a live
    outcome page answers it."""
    first, last = reporting_year_bounds(start_year)
    outcomes = YouSaidWeDidPage.objects.live().public().filter(opportunity=OuterRef("pk"))
    aggregated = (
        OpportunityPage.objects.live()
        .public()
        .annotate(day=Coalesce(F("closes"), F("opens")))
        .filter(day__gte=first, day__lte=last)
        .order_by()
        .values("pk")
        .annotate(**counts.response_aggregates("responses__"), has_outcome=Exists(outcomes))
    )
    rows, published = {}, set(also_published)
    for row in aggregated:
        total, by_group = counts.by_group(row)
        if total:
            rows[row["pk"]] = (total, by_group)
        if row["has_outcome"]:
            published.add(row["pk"])
    return rows, published


def _tables(rows, published, shares):
    """{row key or None for the year: [PublicTable]} for the grid's rows."""
    result = {key: [] for key in [*rows, None]}
    for name, _question, _choices in EQUALITY_QUESTIONS:
        columns = counts.columns(name)
        labels = counts.labels(name)
        grid = {key: {code: by_group[code] for code in columns} for key, (_total, by_group) in rows.items()}
        cells, margin = suppress_linked(grid, columns, published=published & set(rows))
        for key in rows:
            table_rows = [PublicRow(labels[c], cells[key][c], shares.get(c)) for c in columns]
            result[key].append(PublicTable(name, QUESTION_NAMES[name], table_rows))
        year_rows = [PublicRow(labels[c], margin[c], shares.get(c)) for c in columns]
        result[None].append(PublicTable(name, QUESTION_NAMES[name], year_rows))
    return result


def _population(site):
    """({group code: percentage}, the figures' source) for `site`, in one query."""
    if site is None:
        return {}, ""
    rows = PopulationFigure.objects.filter(setting__site=site).values_list(
        "group", "percent", "setting__source"
    )
    return {group: percent for group, percent, _source in rows}, next((s for _g, _p, s in rows), "")


def outcome_reach(opportunity, site=None, preview=False):
    """The public reach section for one opportunity's outcome page, or None if nobody responded.

    `preview` treats the opportunity as published (an outcome page not yet live, in preview).
    """
    start_year = year_of(opportunity)
    rows, published = _year_grid(start_year, also_published=[opportunity.pk] if preview else [])
    if opportunity.pk not in rows:
        return None
    shares, source = _population(site)
    tables = _tables(rows, published, shares)[opportunity.pk]
    if opportunity.pk not in published:
        return None
    return PublicReach(total=figure(rows[opportunity.pk][0]), tables=tables, source=source)


def year_reach(start_year, site=None):
    """The annual report's reach section for the year starting in April `start_year`."""
    rows, published = _year_grid(start_year)
    if not rows:
        return PublicReach(total=figure(0), tables=[])
    shares, source = _population(site)
    total = sum(total for total, _by_group in rows.values())
    return PublicReach(total=figure(total), tables=_tables(rows, published, shares)[None], source=source)
