"""An opportunity's public status: derived from its dates and its outcome, never set by hand.

The one home of the rule, in the three forms it is needed in: Python for a single page
(`status_of`, `outcome_due`), database expressions for listings and reports that filter and sort
by it (`upcoming_q`, `still_open_q`, `status_annotations`, `outcome_due_expression`), and the
sentence people read (`status_sentence`), on public cards and in the annual report alike.

Upcoming before it opens; open until the end of its closing day (or for ever without one); then
closed, with the outcome due on the date set or 12 weeks after closing; outcome published once a
live "You said, We did" page answers it.
"""

import datetime

from django.db import models
from django.db.models import Case, ExpressionWrapper, F, Q, Value, When
from django.db.models.functions import Cast, Coalesce
from django.utils import dateformat, timezone

OUTCOME_DUE_AFTER = datetime.timedelta(weeks=12)


class Status(models.TextChoices):
    UPCOMING = "upcoming", "Upcoming"
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"
    OUTCOME_PUBLISHED = "outcome", "Outcome published"


# Listing order: open first, then upcoming, closed and those with their outcome published.
RANK = {Status.OPEN: 0, Status.UPCOMING: 1, Status.CLOSED: 2, Status.OUTCOME_PUBLISHED: 3}


# One page --------------------------------------------------------------------------------------


def status_of(opens, closes, has_outcome, today=None):
    """The public status that an opportunity's dates and outcome give it on a day."""
    today = today or timezone.localdate()
    if opens > today:
        return Status.UPCOMING
    if closes is None or closes >= today:
        return Status.OPEN
    return Status.OUTCOME_PUBLISHED if has_outcome else Status.CLOSED


def outcome_due(closes, outcome_expected):
    """When the public was told to expect the outcome: the set date, or closing + 12 weeks."""
    if outcome_expected:
        return outcome_expected
    return closes + OUTCOME_DUE_AFTER if closes else None


# The database ----------------------------------------------------------------------------------


def upcoming_q(today):
    return Q(opens__gt=today)


def still_open_q(today):
    """Not yet closed: no closing date, or closing today or later (upcoming ones included)."""
    return Q(closes__isnull=True) | Q(closes__gte=today)


def outcome_due_expression():
    """`outcome_due` in SQL."""
    default = Cast(
        ExpressionWrapper(F("closes") + OUTCOME_DUE_AFTER, output_field=models.DateTimeField()),
        output_field=models.DateField(),
    )
    return Coalesce("outcome_expected", default, output_field=models.DateField())


def status_annotations(today, has_outcome=None):
    """{"status", "status_rank", "soonest"} as database expressions, for `QuerySet.annotate`.

    `has_outcome` is the expression saying whether a live outcome answers the row. Without it the
    caller has already kept only upcoming and open ones, and the outcome check is left out of the
    SQL. `soonest` orders open ones by their closing date and upcoming ones by their opening date.
    """
    upcoming, open_ = upcoming_q(today), still_open_q(today)
    if has_outcome is None:
        branches, default = [(upcoming, Status.UPCOMING)], Status.OPEN
        soonest, soonest_default = [When(upcoming, then=F("opens"))], F("closes")
    else:
        branches = [
            (upcoming, Status.UPCOMING),
            (open_, Status.OPEN),
            (has_outcome, Status.OUTCOME_PUBLISHED),
        ]
        default = Status.CLOSED
        soonest = [When(upcoming, then=F("opens")), When(open_, then=F("closes"))]
        soonest_default = Value(None)

    def case(value_of, output_field):
        whens = [When(condition, then=Value(value_of(status))) for condition, status in branches]
        return Case(*whens, default=Value(value_of(default)), output_field=output_field)

    return {
        "status": case(lambda status: status.value, models.CharField()),
        "status_rank": case(RANK.get, models.IntegerField()),
        "soonest": Case(*soonest, default=soonest_default, output_field=models.DateField()),
    }


# Words -----------------------------------------------------------------------------------------


def format_date(day):
    """'1 April 2025': the one way dates are written beside a status."""
    return dateformat.format(day, "j F Y") if day else ""


def status_sentence(status, opens, closes, due, today=None):
    """Where an opportunity stands, in one sentence: the same words wherever it is shown."""
    today = today or timezone.localdate()
    if status == Status.UPCOMING:
        sentence = f"Opens {format_date(opens)}"
        return f"{sentence}, closes {format_date(closes)}" if closes else sentence
    if status == Status.OPEN:
        return f"Closes {format_date(closes)}" if closes else "Open now, no closing date"
    if status == Status.CLOSED:
        if due and due < today:
            return f"Closed: outcome overdue since {format_date(due)}"
        return f"Closed: outcome expected by {format_date(due)}"
    return "Outcome published"
