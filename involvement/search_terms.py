"""Search terms people typed that hold an email address: found for a subject access request,
deleted on erasure.

The site counts each search for Reports → Search terms (Wagtail's search promotions `Query` and
its daily hits). People sometimes search for their own details, so a search holding someone's
email address is their personal data. Searches are kept SEARCH_TERMS_RETENTION_DAYS days in any
case (Wagtail's `searchpromotions_garbage_collect`, run daily: README, Scheduled jobs).
"""

import re

from django.db.models import Sum
from wagtail.contrib.search_promotions.models import Query
from wagtail.search.utils import normalise_query_string

# Loose on purpose: it finds what looks like an address in whatever was typed.
EMAIL_IN_TEXT = re.compile(r"[^\s@]+@[^\s@]+\.[^\s@]+")


def searches_for(email):
    """The recorded searches that contain `email` (matched ignoring case, as Wagtail stores them)."""
    needle = normalise_query_string((email or "").strip())
    if not needle:
        return Query.objects.none()
    return Query.objects.filter(query_string__icontains=needle)


def search_record(query):
    days = query.daily_hits.order_by("date")
    return {
        "search": query.query_string,
        "times": days.aggregate(total=Sum("hits"))["total"] or 0,
        "days": [{"date": day.date.isoformat(), "times": day.hits} for day in days],
    }


def delete_searches(queries):
    """Delete the searches; one an editor promoted results for keeps its promotions and loses its counts.

    Returns how many searches were deleted or emptied.
    """
    queries = list(queries)
    for query in queries:
        if query.editors_picks.exists():
            query.daily_hits.all().delete()
        else:
            query.delete()
    return len(queries)


def emails_in(text):
    return {match.group(0).strip(".,;:()<>\"'").casefold() for match in EMAIL_IN_TEXT.finditer(text or "")}
