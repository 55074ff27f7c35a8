"""A known set of records around the 2023/24 reporting year (1 April 2023 to 31 March 2024).

Every record says in a comment whether it counts, so the expected figures in the tests can be
checked by hand against this file.
"""

import datetime
import zoneinfo

from involvement.models import Feedback, FeedbackTheme, Member
from pages.tests.factories import OpportunityPageFactory, YouSaidWeDidPageFactory
from workflows.models import StakeholderRow
from workflows.tests.evidence import record_signoff

YEAR = 2023
LONDON = zoneinfo.ZoneInfo("Europe/London")


def d(text):
    return datetime.date.fromisoformat(text)


def at(text):
    """An aware datetime in London time, so boundaries at midnight are the organisation's midnight."""
    return datetime.datetime.fromisoformat(text).replace(tzinfo=LONDON)


def opportunity(index, title, opens, closes, **fields):
    return OpportunityPageFactory(
        parent=index,
        title=title,
        opens=d(opens),
        closes=d(closes) if closes else None,
        **fields,
    )


def outcome(index, title, date, opportunity=None, participants=None, **fields):
    return YouSaidWeDidPageFactory(
        parent=index,
        title=title,
        date=d(date),
        opportunity=opportunity,
        participants=participants,
        **fields,
    )


STAGES = {
    "engagement_review": "Engagement team review",
    "equality_check": "Equality impact check",
    "clinical_signoff": "Clinical lead sign-off",
    "lay_review": "Lay member (PPI) review",
    "governing_body": "Governing Body sign-off",
}

# A plan that every guard accepts, for the consultations the report lists with their sign-off.
SIGNED_PLAN = {"eia_status": "complete", "osc_notified_on": d("2023-01-10"), "short_period_reason": "Test."}


def signed_off(page, path):
    """Record `path`, [(stage, decision, "YYYY-MM-DD HH:MM")], as the sign-off of the page as it
    stands, then publish it: the report shows exactly these decisions as its sign-off path."""
    if page.category in ("B", "C"):
        StakeholderRow.objects.create(page=page, group="Patients", influence="high", interest="high")
        page.refresh_from_db()
    revision = page.save_revision()
    record_signoff(page, revision, path=[(stage, decision, at(when)) for stage, decision, when in path])
    revision.publish()
    return page


def build(opportunity_index, outcome_index):
    """Create the records; returns the pages by letter."""
    o = opportunity_index
    pages = {}
    # A: held (closes on the first day of the year). Due 24 June 2023, only a draft answer:
    #    overdue on 31 March 2024 by 281 days.
    pages["A"] = opportunity(
        o, "A straddles the start", "2023-02-01", "2023-04-01", opportunity_type="survey"
    )
    # B: not held (closed the day before the year). Answered on 1 May 2023: not overdue.
    pages["B"] = opportunity(
        o, "B closed before the year", "2023-01-01", "2023-03-31", opportunity_type="survey"
    )
    # C: held (opens on the last day). Category C consultation; answered after the year.
    pages["C"] = opportunity(
        o,
        "C straddles the end",
        "2024-03-31",
        "2024-06-30",
        opportunity_type="consultation",
        level="consult",
        category="C",
        live=False,
        **SIGNED_PLAN,
    )
    # D: not held (opens the day after the year).
    pages["D"] = opportunity(
        o,
        "D opens after the year",
        "2024-04-01",
        "2024-04-30",
        opportunity_type="event",
        level="inform",
        live=False,
    )
    # E: held (ongoing since before the year, no closing date).
    pages["E"] = opportunity(o, "E ongoing panel", "2022-01-01", None, opportunity_type="panel")
    # F: held; category B engagement; outcome promised for 1 May 2024, so not overdue on 31 March.
    pages["F"] = opportunity(
        o,
        "F category B focus group",
        "2023-06-01",
        "2023-08-31",
        opportunity_type="focus_group",
        category="B",
        outcome_expected=d("2024-05-01"),
        live=False,
        **SIGNED_PLAN,
    )
    # G: held; category A, inform; answered on 1 December 2023.
    pages["G"] = opportunity(
        o,
        "G category A event",
        "2023-09-01",
        "2023-09-30",
        opportunity_type="event",
        level="inform",
        category="A",
        live=False,
    )
    # H: not counted anywhere: never published.
    pages["H"] = opportunity(o, "H draft", "2023-04-01", "2023-05-01", live=False)
    # K: held; due 23 August 2023; its answer is dated after the year: overdue by 221 days.
    pages["K"] = opportunity(o, "K answered late", "2023-04-15", "2023-05-31", opportunity_type="survey")

    y = outcome_index
    # In the year: 40 + 120 + (no number) = 160 people, 3 items.
    outcome(y, "Y1 answers B", "2023-05-01", pages["B"], 40)
    outcome(y, "Y2 answers G", "2023-12-01", pages["G"], 120)
    outcome(y, "Y3 on the last day", "2024-03-31", None, None)
    # Not in the year.
    outcome(y, "Y4 the day before", "2023-03-31", None, 500)
    outcome(y, "Y5 answers C", "2024-10-01", pages["C"], 75)
    outcome(y, "Y6 answers K", "2024-05-01", pages["K"], 30)
    # A draft: never counts, and does not answer A.
    outcome(y, "Y7 draft answers A", "2023-07-01", pages["A"], 999, live=False)

    # Sign-off log. C: a rejection, then approval at every stage.
    signed_off(
        pages["C"],
        [
            ("engagement_review", "approved", "2024-02-01 10:00"),
            ("equality_check", "rejected", "2024-02-05 10:00"),
            ("equality_check", "approved", "2024-02-12 10:00"),
            ("clinical_signoff", "approved", "2024-02-14 10:00"),
            ("lay_review", "approved", "2024-02-20 10:00"),
            ("governing_body", "approved", "2024-03-01 10:00"),
        ],
    )
    # F: category B skips the last two stages.
    signed_off(
        pages["F"],
        [
            ("engagement_review", "approved", "2023-05-01 09:00"),
            ("equality_check", "approved", "2023-05-03 09:00"),
            ("clinical_signoff", "approved", "2023-05-05 09:00"),
            ("lay_review", "skipped", "2023-05-05 09:00"),
            ("governing_body", "skipped", "2023-05-05 09:00"),
        ],
    )
    # G: category A needs the engagement team only. Decisions recorded out of order of creation.
    signed_off(
        pages["G"],
        [
            ("equality_check", "skipped", "2023-08-20 12:00"),
            ("engagement_review", "approved", "2023-08-20 11:00"),
        ],
    )
    # D: not held, so its decision is not shown.
    signed_off(pages["D"], [("engagement_review", "approved", "2024-03-01 10:00")])

    # Register. On 1 April 2023: m1, m2, m8, m9 (4). Joined in the year: m3, m4, m5 (3).
    # Left in the year: m4, m9 (2). On 31 March 2024: m1, m2, m3, m5, m8 (5).
    for joined, erased in [
        ("2022-06-01 12:00", None),  # m1
        ("2023-03-31 23:30", None),  # m2: half an hour before the year (BST: 22:30 UTC)
        ("2023-04-01 00:30", None),  # m3: half an hour into the year
        ("2023-10-10 12:00", "2024-01-15 12:00"),  # m4: joined and left in the year
        ("2024-03-31 23:59", None),  # m5: the last minute of the year
        ("2024-04-01 00:01", None),  # m6: after the year
        ("2021-01-01 12:00", "2023-02-01 12:00"),  # m7: left before the year
        ("2022-01-01 12:00", "2024-06-01 12:00"),  # m8: left after the year
        ("2022-05-05 12:00", "2023-09-09 12:00"),  # m9: left during the year
    ]:
        Member.objects.create(joined_at=at(joined), erased_at=at(erased) if erased else None)

    waiting, _ = FeedbackTheme.objects.get_or_create(name="Waiting times (test)")
    talking, _ = FeedbackTheme.objects.get_or_create(name="Communication (test)")
    # In the year: 4 (concern 2, compliment 1, suggestion 1; waiting 2, communication 1, none 1).
    for kind, theme, when in [
        ("concern", waiting, "2023-04-01 00:10"),
        ("concern", waiting, "2023-11-11 12:00"),
        ("compliment", talking, "2024-02-02 12:00"),
        ("suggestion", None, "2024-03-31 22:00"),
        ("comment", talking, "2024-04-01 00:05"),  # after the year
        ("compliment", waiting, "2023-03-31 23:50"),  # before the year
    ]:
        Feedback.objects.create(
            kind=kind,
            service="A service",
            experience="Something happened.",
            theme=theme,
            submitted_at=at(when),
        )
    return pages


def grow(opportunity_index, outcome_index, n=8):
    """More of everything in the same year, for query-count comparisons."""
    theme, _ = FeedbackTheme.objects.get_or_create(name=f"Extra theme {n}")
    for i in range(n):
        page = opportunity(
            opportunity_index,
            f"Extra consultation {n}-{i}",
            "2023-05-01",
            "2023-06-01",
            opportunity_type="consultation",
            level="consult",
            category="B",
            live=False,
            **SIGNED_PLAN,
        )
        signed_off(
            page,
            [
                ("engagement_review", "approved", "2023-04-20 10:00"),
                ("equality_check", "approved", "2023-04-21 10:00"),
                ("clinical_signoff", "approved", "2023-04-22 10:00"),
            ],
        )
        outcome(outcome_index, f"Extra answer {n}-{i}", "2023-09-01", page, 10)
        opportunity(opportunity_index, f"Extra overdue {n}-{i}", "2023-04-01", "2023-04-30")
        Member.objects.create(joined_at=at("2023-06-01 12:00"))
        Feedback.objects.create(
            kind="comment",
            service="A service",
            experience="More.",
            theme=theme,
            submitted_at=at("2023-07-01 12:00"),
        )
