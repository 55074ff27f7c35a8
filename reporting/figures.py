"""The annual engagement report's figures, counted from the site's own records.

Plain functions over the ORM that return simple data (dataclasses, tuples, dicts), so the report
page, its CSV download, the admin "Feedback overdue" report and the tests share one set of
definitions. Every count is a database aggregate or one query per kind of record: the number of
queries never grows with the number of rows.

Definitions (also printed on the page, in "How these figures are counted"):

- Reporting year: 1 April to 31 March. `ReportingYear(2025)` is 1 April 2025 to 31 March 2026.
  A year still in progress is counted up to and including today.
- Opportunities held: live, public opportunities open for at least one day of the year.
- Consultations: opportunities held at the "consult" level or with a plan category (A, B, C).
- People taking part: the sum of "people who took part" on live 'You said, We did' items
  dated in the year.
- People who came to events: the places marked as come at sessions starting in the year, from
  their bookings (events/attendance.py); sessions where nobody marked attendance add nothing.
- Register: members who joined by a date and had not been erased by then are on the register
  on that date; everyone who joined in the year counts as joining, even if since erased.
- Questionnaire responses: responses submitted in the year to live, public opportunities, by
  channel, counted as their public pages count them (questionnaires/counting.py: not duplicate
  or withdrawn, and not late unless accepted).
- Who we heard from: the About you answers in the counted responses to the consultations that
  close in the year (or open in it, with no closing date), all of them, not only this site's
  (reach/public.py); small numbers hidden together with each outcome page's table.
- Overdue: closed opportunities whose outcome date (`outcome_expected`, or closes + 12 weeks)
  has passed with no live 'You said, We did' item answering them.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from wagtail.models import Page, Site

from core.dates import reporting_year_start, start_of_day
from events.attendance import attended_between
from involvement.models import Feedback, FeedbackKind, Member, retention_years
from pages.models import OpportunityPage, YouSaidWeDidPage
from pages.models.opportunities import Level, OpportunityType
from pages.models.you_said_we_did import FeedbackSource
from pages.status import Status, format_date, outcome_due_expression, still_open_q
from questionnaires.counting import by_channel_between
from reach.public import year_reach
from workflows.models import Decision
from workflows.plan_rules import Category

NO_CATEGORY = "none"
NO_THEME = "No theme given yet"


# Reporting years ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReportingYear:
    """An April-to-March reporting year, named by the calendar year it starts in."""

    start_year: int

    @property
    def start(self):
        return datetime.date(self.start_year, 4, 1)

    @property
    def end(self):
        return datetime.date(self.start_year + 1, 3, 31)

    @property
    def label(self):
        """'2025/26'."""
        return f"{self.start_year}/{(self.start_year + 1) % 100:02d}"

    @property
    def slug(self):
        """'2025-26', for file names."""
        return self.label.replace("/", "-")

    @property
    def period(self):
        """'1 April 2025 to 31 March 2026'."""
        return f"{format_date(self.start)} to {format_date(self.end)}"

    def contains(self, day):
        return self.start <= day <= self.end


def year_containing(day):
    """The reporting year that `day` falls in."""
    return ReportingYear(reporting_year_start(day))


def latest_complete_year(today=None):
    """The most recent reporting year that has ended before `today`."""
    today = today or timezone.localdate()
    return ReportingYear(year_containing(today).start_year - 1)


def default_year():
    """The start year a new report suggests: the latest complete reporting year."""
    return latest_complete_year().start_year


# Shared querysets -----------------------------------------------------------------------------


def outcome_published(as_of=None, today=None):
    """Exists(): a live, public 'You said, We did' item answers the opportunity.

    For a date in the past (`as_of` before today) the item must also be dated on or before it,
    because the site does not keep when an item first went live in a way the report can trust.
    """
    today = today or timezone.localdate()
    outcomes = YouSaidWeDidPage.objects.live().public().filter(opportunity=OuterRef("pk"))
    if as_of is not None and as_of < today:
        outcomes = outcomes.filter(date__lte=as_of)
    return Exists(outcomes)


def overdue_opportunities(as_of=None, *, today=None, root=None, public_only=False):
    """Live opportunities closed before `as_of` whose outcome date passed before it, with no outcome.

    Annotated with `outcome_due_on`; ordered most overdue first. Filtering is all in SQL. The admin
    report uses `as_of` = today and every live opportunity; the annual report only public ones.
    """
    today = today or timezone.localdate()
    as_of = as_of or today
    opportunities = OpportunityPage.objects.live()
    if public_only:
        opportunities = opportunities.public()
    if root is not None:
        opportunities = opportunities.descendant_of(root)
    return (
        opportunities.filter(closes__lt=as_of)
        .annotate(
            outcome_due_on=outcome_due_expression(),
            has_published_outcome=outcome_published(as_of, today),
        )
        .filter(outcome_due_on__lt=as_of, has_published_outcome=False)
        .order_by("outcome_due_on", "closes", "title", "pk")
    )


class PageURL:
    """A page's address from its id and url_path, worked out by Wagtail's rules when it is shown.

    The report reads every row of a year but the page shows only some of them, and the CSV none
    of their addresses: building each address only when it is written out keeps a busy year cheap.
    """

    __slots__ = ("pk", "url_path", "request")

    def __init__(self, pk, url_path, request=None):
        self.pk, self.url_path, self.request = pk, url_path, request

    def __str__(self):
        return Page(pk=self.pk, url_path=self.url_path).get_url(self.request) or ""

    def __bool__(self):
        return True


def days_between(earlier, later):
    return (later - earlier).days


# The figures ----------------------------------------------------------------------------------


@dataclass
class Tally:
    """One row of a count table: a code, what the public reads, and how many."""

    key: str
    label: str
    count: int


@dataclass
class Figures:
    """Everything the annual report counts for one reporting year."""

    year: ReportingYear
    today: datetime.date
    # The last day counted: the end of the year, or today while the year is in progress.
    period_end: datetime.date
    started: bool
    opportunities_total: int = 0
    by_type: list = field(default_factory=list)
    by_level: list = field(default_factory=list)
    by_category: list = field(default_factory=list)
    consultations: list = field(default_factory=list)
    outcomes: list = field(default_factory=list)
    participants: int = 0
    outcomes_without_number: int = 0
    # {people, sessions, events}: who came to sessions with attendance marked.
    attendance: dict = field(default_factory=lambda: {"people": 0, "sessions": 0, "events": 0})
    register: dict = field(default_factory=dict)
    feedback_total: int = 0
    feedback_by_theme: list = field(default_factory=list)
    feedback_by_kind: list = field(default_factory=list)
    overdue: list = field(default_factory=list)
    responses_by_channel: list = field(default_factory=list)
    # Who we heard from (reach.public.PublicReach): the year's consultations, small numbers hidden.
    reach: object = None
    retention_years: int = 3

    @property
    def complete(self):
        """True once the whole year is over."""
        return self.period_end == self.year.end

    @property
    def consultations_total(self):
        return len(self.consultations)

    @property
    def outcomes_total(self):
        return len(self.outcomes)

    @property
    def overdue_total(self):
        return len(self.overdue)


def compute(start_year, *, root=None, today=None, request=None):
    """Count everything for the reporting year starting in April `start_year`.

    `root` limits pages to one site's tree (the report's parent home page); register members
    and feedback belong to the organisation, not to a site, so they are always all counted.
    """
    year = ReportingYear(int(start_year))
    today = today or timezone.localdate()
    period_end = min(year.end, today)
    report = Figures(
        year=year,
        today=today,
        period_end=period_end,
        started=today >= year.start,
        retention_years=retention_years(),
    )
    if not report.started:
        return report

    start_at, end_before = start_of_day(year.start), start_of_day(period_end + datetime.timedelta(days=1))

    # In a public request, .public() reads the private sections once (pages/privacy.py).
    opportunities = OpportunityPage.objects.live().public()
    outcomes = YouSaidWeDidPage.objects.live().public()
    if root is not None:
        opportunities = opportunities.descendant_of(root)
        outcomes = outcomes.descendant_of(root)
    # Held in the year: open on any day of it.
    held = opportunities.filter(still_open_q(year.start), opens__lte=period_end).order_by()

    # One GROUP BY over the three columns, summed three ways in Python.
    combinations = list(
        held.values_list("opportunity_type", "level", "category")
        .annotate(n=Count("pk"))
        .values_list("opportunity_type", "level", "category", "n")
    )
    report.by_type = _tally(combinations, 0, OpportunityType.choices)
    report.by_level = _tally(combinations, 1, Level.choices)
    report.by_category = _tally(
        combinations,
        2,
        [*Category.choices, ("", "No category (no consultation plan)")],
        blank_key=NO_CATEGORY,
    )
    report.opportunities_total = sum(t.count for t in report.by_type)
    report.consultations, report.outcomes = _consultations_and_outcomes(
        held, outcomes, year, period_end, today, request
    )
    report.participants = sum(o["participants"] or 0 for o in report.outcomes)
    report.outcomes_without_number = sum(1 for o in report.outcomes if o["participants"] is None)
    report.attendance = attended_between(year.start, period_end, root=root)

    report.register = _register(start_at, end_before)
    report.feedback_by_theme, report.feedback_by_kind = _feedback(start_at, end_before)
    report.feedback_total = sum(t.count for t in report.feedback_by_kind)
    responses = by_channel_between(start_at, end_before, opportunities=opportunities)
    report.responses_by_channel = [Tally(key, label, n) for key, (label, n) in responses.items()]
    site = (
        Site.find_for_request(request)
        if request is not None
        else Site.objects.filter(is_default_site=True).first()
    )
    report.reach = year_reach(year.start_year, site=site)

    types = dict(OpportunityType.choices)
    for row in overdue_opportunities(period_end, today=today, root=root, public_only=True).values(
        "pk", "title", "url_path", "opportunity_type", "closes", "outcome_due_on"
    ):
        report.overdue.append(
            {
                "title": row["title"],
                "url": PageURL(row["pk"], row["url_path"], request),
                "type": types.get(row["opportunity_type"], row["opportunity_type"]),
                "closes": row["closes"],
                "outcome_due": row["outcome_due_on"],
                "days_overdue": days_between(row["outcome_due_on"], period_end),
            }
        )
    return report


def _tally(combinations, position, choices, blank_key=None):
    """[Tally] for every choice, zeros included, from (value, value, …, count) rows of a GROUP BY."""
    counts = defaultdict(int)
    for row in combinations:
        counts[row[position]] += row[-1]
    return [Tally(key or blank_key or "", label, counts.get(key, 0)) for key, label in choices]


STATUS_LABELS = dict(Status.choices)


def _consultations_and_outcomes(held, outcomes, year, period_end, today, request):
    """(consultations, 'You said, We did' items) of the year, in two queries whatever their number.

    Consultations come with their sign-off decisions joined (a row per decision) and their status
    as at today (the pages app's own annotation, OpportunityQuerySet.with_status). The items dated
    in the year and the latest item answering each consultation come from one query. Rows are
    read as values, not pages, and each page's address is worked out only if it is shown.
    """
    consultations = {}
    for row in (
        held.filter(Q(level=Level.CONSULT) | ~Q(category=""))
        .with_status(today)
        .annotate(outcome_due_on=outcome_due_expression())
        .order_by("opens", "title", "pk", "signoff_decisions__decided_at", "signoff_decisions__pk")
        .values(
            "pk",
            "title",
            "url_path",
            "level",
            "category",
            "opens",
            "closes",
            "outcome_due_on",
            "status",
            "signoff_decisions__stage_name",
            "signoff_decisions__decision",
            "signoff_decisions__decided_at",
        )
    ):
        consultation = consultations.get(row["pk"])
        if consultation is None:
            consultation = consultations[row["pk"]] = _consultation(row, request)
        if row["signoff_decisions__decided_at"] is not None:
            consultation["signoff"].append(
                {
                    "stage": row["signoff_decisions__stage_name"],
                    "decision": row["signoff_decisions__decision"],
                    "label": _decision_label(row["signoff_decisions__decision"]),
                    "date": timezone.localdate(row["signoff_decisions__decided_at"]),
                }
            )

    in_year = Q(date__gte=year.start, date__lte=period_end)
    sources = dict(FeedbackSource.choices)
    items = []
    for row in (
        outcomes.filter(in_year | Q(opportunity_id__in=list(consultations)))
        .order_by("date", "title", "pk")
        .values(
            "pk",
            "title",
            "url_path",
            "date",
            "source",
            "participants",
            "opportunity_id",
            "opportunity__title",
            "opportunity__url_path",
        )
    ):
        # A consultation's outcome is its latest answer: the latest date, then the newest item.
        consultation = consultations.get(row["opportunity_id"])
        if consultation is not None and (row["date"], row["pk"]) > consultation["outcome_key"]:
            consultation["outcome_key"] = (row["date"], row["pk"])
            consultation["outcome"] = {
                "title": row["title"],
                "url": PageURL(row["pk"], row["url_path"], request),
                "date": row["date"],
            }
        if year.start <= row["date"] <= period_end:
            items.append(
                {
                    "title": row["title"],
                    "url": PageURL(row["pk"], row["url_path"], request),
                    "date": row["date"],
                    "source": sources.get(row["source"], row["source"]),
                    "participants": row["participants"],
                    "opportunity": row["opportunity__title"] or "",
                    "opportunity_url": PageURL(row["opportunity_id"], row["opportunity__url_path"], request)
                    if row["opportunity_id"]
                    else "",
                }
            )
    for consultation in consultations.values():
        del consultation["outcome_key"]
    return list(consultations.values()), items


def _consultation(row, request):
    levels, categories = dict(Level.choices), dict(Category.choices)
    return {
        "title": row["title"],
        "url": PageURL(row["pk"], row["url_path"], request),
        "level": levels.get(row["level"], row["level"]),
        "category": row["category"],
        "category_label": categories.get(row["category"], ""),
        "opens": row["opens"],
        "closes": row["closes"],
        "outcome_due": row["outcome_due_on"],
        "status": row["status"],
        "status_label": STATUS_LABELS.get(row["status"], row["status"]),
        "signoff": [],
        "outcome": None,
        "outcome_key": (datetime.date.min, 0),
    }


def _decision_label(decision):
    return {
        Decision.APPROVED: "approved",
        Decision.REJECTED: "changes requested",
        Decision.SKIPPED: "skipped, not needed for this category",
        Decision.RECATEGORISED: "category changed",
        Decision.RESTARTED: "sign-off restarted",
        Decision.CANCELLED: "sign-off cancelled",
    }.get(decision, decision)


def _register(start_at, end_before):
    """Register size at the start and end of the period, and who joined and left, in one query."""

    def on_register_at(moment):
        return Q(joined_at__lt=moment) & (Q(erased_at__isnull=True) | Q(erased_at__gte=moment))

    return Member.objects.aggregate(
        at_start=Count("pk", filter=on_register_at(start_at)),
        joined=Count("pk", filter=Q(joined_at__gte=start_at, joined_at__lt=end_before)),
        left=Count("pk", filter=Q(erased_at__gte=start_at, erased_at__lt=end_before)),
        at_end=Count("pk", filter=on_register_at(end_before)),
    )


def _feedback(start_at, end_before):
    """([Tally] by theme, biggest first, and [Tally] by kind, zeros included): one GROUP BY query."""
    received = Feedback.objects.filter(submitted_at__gte=start_at, submitted_at__lt=end_before).order_by()
    themes, names, kinds = defaultdict(int), {}, defaultdict(int)
    for slug, name, kind, n in (
        received.values_list("theme__slug", "theme__name", "kind")
        .annotate(n=Count("pk"))
        .values_list("theme__slug", "theme__name", "kind", "n")
    ):
        themes[slug] += n
        names[slug] = name
        kinds[kind] += n
    by_theme = [Tally(slug or "", names[slug] or NO_THEME, n) for slug, n in themes.items()]
    # Biggest first; the untriaged remainder last whatever its size.
    by_theme.sort(key=lambda t: (t.key == "", -t.count, t.label))
    by_kind = [Tally(key, label, kinds.get(key, 0)) for key, label in FeedbackKind.choices]
    return by_theme, by_kind
