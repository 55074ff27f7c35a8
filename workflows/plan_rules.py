"""What a consultation plan is judged by: its categories, its assessment statuses and the guards
that submission, every approval and publishing check. Pure rules over a plan's values, so the
page form can check unsaved input and the stages and the publishing rule the saved content."""

import datetime

from django.db import models
from django.utils.html import strip_tags

MINIMUM_CONSULTATION = datetime.timedelta(weeks=12)


class Category(models.TextChoices):
    A = "A", "A – already happening (inform)"
    B = "B", "B – service provided differently (engage)"
    C = "C", "C – significant change to services or eligibility (consult)"


class EIAStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETE = "complete", "Complete"


def plan_problems(value, stakeholder_count):
    """The submission guards, over `value(field_name)` so a form can check unsaved input.

    Each problem is (field, message): the field the editor must change (a tuple when either of
    two would do, None for the plan as a whole) and what to tell them.
    """
    problems = []
    if not (value("summary") or "").strip():
        problems.append(("summary", "Write the public summary."))
    if not _has_text(value("how_to_take_part")):
        problems.append(("how_to_take_part", "Say how to take part."))
    # Only consultations and engagement on a service change need a plan to be signed off.
    if not (value("level") == "consult" or value("is_service_change")):
        return problems
    category = value("category")
    if not category:
        problems.append(("category", "Choose the category (A, B or C)."))
    if value("level") == "consult":
        problems += _period_problems(value)
    if category in (Category.B, Category.C):
        if not value("eia_status"):
            problems.append(
                ("eia_status", "Category B and C plans need an equality impact assessment status.")
            )
        if stakeholder_count < 1:
            problems.append(
                (
                    None,
                    "Category B and C plans need a stakeholder analysis: add at least one stakeholder group.",
                )
            )
    return problems


def approval_problems(value, stakeholder_count):
    """What every approval (and publishing) checks against the content being approved: the
    submission guards, a complete equality impact assessment for category B and C, and for
    category C the date the Overview and Scrutiny Committee was notified."""
    problems = plan_problems(value, stakeholder_count)
    category = value("category") or Category.A
    if category in (Category.B, Category.C) and value("eia_status") != EIAStatus.COMPLETE:
        problems.append(("eia_status", "The equality impact assessment is not complete."))
    if category == Category.C and not value("osc_notified_on"):
        problems.append(
            ("osc_notified_on", "Record the date the Overview and Scrutiny Committee was notified.")
        )
    return problems


def _period_problems(value):
    """A consultation closes, and runs 12 weeks or says why not; the error sits on the closing
    date, which is what the editor changes, and on the reason, the other way to meet it."""
    opens, closes = value("opens"), value("closes")
    if not closes:
        return [("closes", "A consultation needs a closing date.")]
    if not opens or closes - opens + datetime.timedelta(days=1) >= MINIMUM_CONSULTATION:
        return []
    if (value("short_period_reason") or "").strip():
        return []
    days = (closes - opens).days + 1
    return [
        (
            ("closes", "short_period_reason"),
            f"This consultation runs for {days} days. A consultation must run for at least 12 weeks: "
            "move the closing date, or give the reason for a shorter period.",
        )
    ]


def _has_text(html):
    return bool(strip_tags(html or "").strip())
