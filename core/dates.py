"""The organisation's days: midnight in its time zone (Europe/London, GMT or BST), one rule for all.

Public statuses change at midnight in London, the page cache keeps nothing past it, the annual
report's year runs from one midnight to another and a plan signed off for a future opening day
goes live at the start of that day: each asks this module, so none of them disagrees about when a
day starts across the clock changes.
"""

import datetime

from django.utils import timezone


def start_of_day(day):
    """The first moment of `day` (a date) in the site's time zone, as an aware datetime."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def day_bounds(now=None):
    """(the local date, its first moment, the next midnight) for `now` (default: now)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    return today, start_of_day(today), start_of_day(today + datetime.timedelta(days=1))


def reporting_year_start(day):
    """The calendar year the April-to-March reporting year holding `day` starts in."""
    return day.year if day.month >= 4 else day.year - 1


def reporting_year_bounds(start_year):
    """(1 April, 31 March) of the reporting year starting in April `start_year`."""
    return datetime.date(start_year, 4, 1), datetime.date(start_year + 1, 3, 31)
