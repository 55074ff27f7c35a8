"""How many responses an opportunity has: by channel, by week, and the one number shown in public.

One home for the counting rule, used by the staff Responses view, the closed opportunity's public
page, the "You said, We did" editor and the annual report. Every count is a database aggregate, so
the number of queries stays the same whatever the number of responses.

*Counted* responses are those the consultation considers: not marked duplicate or withdrawn, and
not late unless staff accepted them (`late_accepted`). A late response nobody has accepted yet is
kept and listed for staff, but not counted in public.
"""

import datetime
import zoneinfo

from django.conf import settings
from django.db.models import Count, Q
from django.db.models.functions import TruncWeek

from questionnaires.models import Channel, Response, ResponseStatus

ACCEPTED = ResponseStatus.LATE_ACCEPTED
NOT_COUNTED = (ResponseStatus.DUPLICATE, ResponseStatus.WITHDRAWN)


def counted_q(prefix=""):
    """Q() for the responses counted in public, optionally across a relation (`prefix="responses__"`)."""
    status, late = f"{prefix}status", f"{prefix}late"
    return ~Q(**{f"{status}__in": NOT_COUNTED}) & (Q(**{late: False}) | Q(**{status: ACCEPTED}))


def counted(queryset=None):
    return (Response.objects.all() if queryset is None else queryset).filter(counted_q())


def public_count(opportunity_id):
    """The number of responses to the opportunity that are counted (one query)."""
    return counted(Response.objects.filter(opportunity_id=opportunity_id)).count()


def channel_labels():
    return dict(Channel.choices)


def status_labels():
    return dict(ResponseStatus.choices)


def summary(page):
    """{'total', 'counted', 'late', 'by_channel': [(label, n)], 'by_status': [(label, n)]} in one query."""
    channels, statuses = channel_labels(), status_labels()
    aggregates = {
        "total": Count("pk"),
        "counted": Count("pk", filter=counted_q()),
        "late": Count("pk", filter=Q(late=True)),
        **{f"channel_{value}": Count("pk", filter=Q(channel=value)) for value in channels},
        **{f"status_{value}": Count("pk", filter=Q(status=value)) for value in statuses},
    }
    row = Response.objects.filter(opportunity_id=page.pk).aggregate(**aggregates)
    return {
        "total": row["total"],
        "counted": row["counted"],
        "late": row["late"],
        "by_channel": [(label, row[f"channel_{value}"]) for value, label in channels.items()],
        "by_status": [(label, row[f"status_{value}"]) for value, label in statuses.items()],
    }


def by_week(page):
    """[(Monday as a date, n), …] of responses received each week (London time), oldest first; one query."""
    london = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    rows = (
        Response.objects.filter(opportunity_id=page.pk)
        .annotate(week=TruncWeek("submitted_at", tzinfo=london))
        .order_by()
        .values("week")
        .annotate(n=Count("pk"))
        .order_by("week")
    )
    return [(_as_date(row["week"]), row["n"]) for row in rows]


def _as_date(value):
    return value.date() if isinstance(value, datetime.datetime) else value


def by_channel_between(start_at, end_before, opportunities=None):
    """{channel: (label, n)} of counted responses submitted in [start_at, end_before), in one query.

    `opportunities` (a queryset of pages) narrows it, e.g. to the public opportunities under a root.
    """
    rows = counted().filter(submitted_at__gte=start_at, submitted_at__lt=end_before)
    if opportunities is not None:
        rows = rows.filter(opportunity__in=opportunities)
    totals = dict(rows.order_by().values_list("channel").annotate(n=Count("pk")))
    return {value: (label, totals.get(value, 0)) for value, label in channel_labels().items()}
