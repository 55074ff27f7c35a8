"""Counting searches for Reports → Search terms, whether the page was rendered or came from the cache.

The search view counts a new search (not a further page or a type filter) and leaves the query on
the request; the page cache keeps it with the stored page and counts it again on every hit
(public_site/page_cache.py), so a cached search is counted without being rendered.
"""

import logging

from django.db import DatabaseError
from wagtail.contrib.search_promotions.models import Query
from wagtail.search.utils import normalise_query_string

logger = logging.getLogger(__name__)

# The query a response counted, for the page cache to count again on each hit.
COUNTED_ATTRIBUTE = "counted_search"


def record_search(query):
    """Count `query` once. Counting is a write: when the database cannot take one (read-only during
    maintenance, a replica, a full disk) the search is answered all the same, just not counted."""
    if not normalise_query_string(query):
        return
    try:
        Query.get(query).add_hit()
    except DatabaseError:
        logger.warning("Search not counted: the database refused the write", exc_info=True)


def count_search(request, query):
    record_search(query)
    setattr(request, COUNTED_ATTRIBUTE, query)
