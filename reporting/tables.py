"""The report's figures laid out as tables: the page renders them and the CSV writes them, cell for cell.

Counts of people in "who we heard from" and responses by channel are suppressed
(core/suppression.py): the page and the CSV hide the same cells. The CSV has every row. The
page lists long tables only in part (`tables(report, listed=N)`): the N most recent 'You said,
We did' items and the N longest overdue opportunities, saying how many more the CSV holds, so a
busy year stays a page people can read and download.
"""

from core.charts import bar_chart
from core.suppression import HIDDEN_TEXT, suppress_counts
from core.tables import Cell, Heading, Table, number, text
from core.tables import headings as _headings
from pages.status import format_date, status_sentence

# How many rows of a long list the page shows.
LISTED = 20


def _tally_table(key, caption, first_heading, tallies, count_heading, empty=""):
    rows = [[text(t.label), number(t.count)] for t in tallies]
    return Table(
        key=key,
        caption=caption,
        headings=_headings(first_heading, count_heading, numeric={1}),
        rows=rows,
        total=[text("Total"), number(sum(t.count for t in tallies))] if tallies else None,
        chart=bar_chart("chart-" + key.replace("_", "-"), caption, [(t.label, t.count) for t in tallies]),
        empty=empty,
    )


def _signoff_lines(steps):
    if not steps:
        return ("No sign-off recorded",)
    return tuple(f"{s['stage']}: {s['label']} ({format_date(s['date'])})" for s in steps)


def _status_now(consultation, today):
    c = consultation
    return status_sentence(c["status"], c["opens"], c["closes"], c["outcome_due"], today)


def _dates(opens, closes):
    if closes:
        return f"{format_date(opens)} to {format_date(closes)}"
    return f"From {format_date(opens)}, no closing date"


def _listed(table, listed, *, latest, noun, which):
    """`table` with only `listed` of its rows: the last ones if `latest`, else the first ones."""
    total = len(table.rows)
    if listed is None or total <= listed:
        return table
    table.rows = table.rows[-listed:] if latest else table.rows[:listed]
    table.more = total - listed
    table.more_text = f"These are the {listed} {which} of {total:,} {noun}, and {table.more:,} more"
    if table.total:
        table.total = [text(f"Total, all {total:,} {noun}"), *table.total[1:]]
    return table


def figure_cell(value):
    """A suppressed Figure as a table cell: its number, or the words for a hidden one."""
    return text(HIDDEN_TEXT) if value.hidden else number(value.value)


def reach_tables(report):
    """[Table] per About you question: the year's responses in each group, beside the area's share."""
    reach = report.reach
    if reach is None or not reach.tables:
        return []
    return [
        Table(
            key=f"reach_{table.name}",
            caption=f"Who we heard from: {table.label.lower()}",
            headings=[
                Heading("Group"),
                Heading("Responses", numeric=True),
                Heading("Share of the area's population", numeric=True),
            ],
            rows=[
                [
                    text(row.label),
                    figure_cell(row.count),
                    text(f"{row.population}%" if row.population is not None else "Not known"),
                ]
                for row in table.rows
            ],
            total=[text("All responses"), figure_cell(reach.total), text("")],
        )
        for table in reach.tables
    ]


def channel_table(report):
    """Questionnaire responses by channel, with channels under 5 hidden and a lone one protected."""
    tallies = [t for t in report.responses_by_channel if t.count]
    total = sum(t.count for t in tallies)
    cells, total_figure = suppress_counts({t.key: t.count for t in tallies}, total=total)
    return Table(
        key="responses_by_channel",
        caption="Questionnaire responses by channel",
        headings=[Heading("Channel"), Heading("Responses", numeric=True)],
        rows=[[text(t.label), figure_cell(cells[t.key])] for t in tallies],
        total=[text("Total"), figure_cell(total_figure)] if tallies else None,
        empty="No questionnaire responses were received this year.",
    )


def tables(report, listed=None):
    """[Table] for every figure in `report`, in page order. Empty when the year has not started.

    With `listed`, the long lists ('You said, We did' items, overdue opportunities) keep only
    that many rows, for the page; without it every row, for the CSV.
    """
    if not report.started:
        return []
    end = format_date(report.period_end)
    register = report.register
    return [
        Table(
            key="summary",
            caption="Summary of the year",
            headings=_headings("Measure", "Number", numeric={1}),
            rows=[
                [text("Opportunities to get involved held"), number(report.opportunities_total)],
                [text("Consultations held"), number(report.consultations_total)],
                [text("People taking part"), number(report.participants)],
                [
                    text("People who came to events booked on this website"),
                    number(report.attendance["people"]),
                ],
                [text("'You said, We did' items published"), number(report.outcomes_total)],
                [text(f"People on the involvement register on {end}"), number(register["at_end"])],
                [text("People who joined the involvement register"), number(register["joined"])],
                [text("Feedback received"), number(report.feedback_total)],
                [text(f"Opportunities with feedback overdue on {end}"), number(report.overdue_total)],
            ],
        ),
        _tally_table("by_type", "Opportunities held by type", "Type", report.by_type, "Opportunities"),
        _tally_table(
            "by_level",
            "Opportunities held by level of involvement",
            "Level",
            report.by_level,
            "Opportunities",
        ),
        _tally_table(
            "by_category",
            "Opportunities held by category of change",
            "Category",
            report.by_category,
            "Opportunities",
        ),
        Table(
            key="consultations",
            caption="Consultations, their sign-off and outcome",
            headings=_headings(
                "Consultation", "Level", "Category", "Dates", "Sign-off", "Where it stands now"
            ),
            rows=[
                [
                    text(c["title"], c["url"]),
                    text(c["level"]),
                    text(c["category"] or "None"),
                    text(_dates(c["opens"], c["closes"])),
                    Cell(items=_signoff_lines(c["signoff"])),
                    text(f"Outcome published: {c['outcome']['title']}", c["outcome"]["url"])
                    if c["outcome"]
                    else text(_status_now(c, report.today)),
                ]
                for c in report.consultations
            ],
            empty="No consultations were held this year.",
        ),
        _listed(
            Table(
                key="you_said_we_did",
                caption="'You said, We did' items published",
                headings=_headings(
                    "Item",
                    "Date",
                    "Where it came from",
                    "What it answers",
                    "People who took part",
                    numeric={4},
                ),
                rows=[
                    [
                        text(o["title"], o["url"]),
                        text(format_date(o["date"])),
                        text(o["source"]),
                        text(o["opportunity"] or "None", o["opportunity_url"]),
                        number(o["participants"]) if o["participants"] is not None else text("Not recorded"),
                    ]
                    for o in report.outcomes
                ],
                total=[text("Total"), text(""), text(""), text(""), number(report.participants)]
                if report.outcomes
                else None,
                empty="No 'You said, We did' items were published this year.",
            ),
            listed,
            latest=True,
            noun="items",
            which="most recent",
        ),
        Table(
            key="attendance",
            caption="People who came to events booked on this website",
            headings=_headings("Measure", "Number", numeric={1}),
            rows=[
                [text("Events with attendance taken"), number(report.attendance["events"])],
                [text("Sessions with attendance taken"), number(report.attendance["sessions"])],
                [text("People who came"), number(report.attendance["people"])],
            ],
        ),
        Table(
            key="register",
            caption="Size and growth of the involvement register",
            headings=_headings("Measure", "People", numeric={1}),
            rows=[
                [text(f"On the register on {format_date(report.year.start)}"), number(register["at_start"])],
                [text("Joined during the year"), number(register["joined"])],
                [text("Left during the year"), number(register["left"])],
                [text(f"On the register on {end}"), number(register["at_end"])],
            ],
        ),
        _tally_table(
            "feedback_theme",
            "Feedback received by theme",
            "Theme",
            report.feedback_by_theme,
            "Feedback",
            empty="No feedback was received this year.",
        ),
        _tally_table(
            "feedback_kind", "Feedback received by kind", "Kind", report.feedback_by_kind, "Feedback"
        ),
        channel_table(report),
        _listed(
            Table(
                key="overdue",
                caption=f"Feedback overdue on {end}",
                headings=_headings(
                    "Opportunity", "Type", "Closed", "Outcome due", "Days overdue", numeric={4}
                ),
                rows=[
                    [
                        text(o["title"], o["url"]),
                        text(o["type"]),
                        text(format_date(o["closes"])),
                        text(format_date(o["outcome_due"])),
                        number(o["days_overdue"]),
                    ]
                    for o in report.overdue
                ],
                empty=f"No feedback was overdue on {end}.",
            ),
            listed,
            latest=False,
            noun="opportunities",
            which="longest overdue",
        ),
        *reach_tables(report),
    ]
