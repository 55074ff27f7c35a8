"""What a cached page depends on, and when each of those things last changed.

Each stored page lists its *tags*: what it shows. A tag's value in the cache is the moment it last
changed (nanoseconds), and a page stays good while every one of its tags last changed before the
page began rendering. So one change makes stale just the pages that show what changed, and a change
that lands while a page renders makes that page stale at once.

- `page:<path>`: a page and the pages beneath it. A Wagtail page depends on its own; publishing a
  page changes the tag of the page and of each page above it (the index that lists it, the home
  page), which need no query to find: a page's path starts with its ancestors' paths.
- `listings`: anything that lists pages across the site: the feeds, the calendars, the sitemap,
  search, the annual report, and every response that names no tags of its own. Every publish
  changes it.
- `everything`: every page. A change of a site setting, topic, image, redirect, privacy, a move,
  unpublishing or deleting a page, or a publish that renames a page or changes its address or its
  place in the menus (it shows in breadcrumbs, menus and links everywhere) changes it.

A tag missing from the cache (evicted or flushed) counts as changed just now; one missing when a
page is stored is set to just before that page began rendering.
"""

import contextlib
import contextvars
import logging
import time

from django.conf import settings
from django.core.cache import caches

from core.memo import remember

logger = logging.getLogger(__name__)

EVERYTHING = "everything"
LISTINGS = "listings"
PREFIX = "page-cache:tag:"
FRAGMENT_PREFIX = "page-cache:fragment:"
# Long enough to outlive every entry (none outlives midnight): an expired tag only costs a miss.
TAG_SECONDS = 2 * 24 * 3600
# What a view leaves on the request to say what its response shows.
TAGS_ATTRIBUTE = "page_cache_tags"
# When the page being rendered for the page cache began (rendering_since).
_render_started = contextvars.ContextVar("page_cache_render_started", default=None)


def _cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def now():
    return time.time_ns()


def page_tag(path):
    return f"page:{path}"


def lineage_tags(path, steplen=4):
    """The tags of the page at `path` and of every page above it."""
    return {page_tag(path[:end]) for end in range(steplen, len(path) + 1, steplen)}


def add_tags(request, *tags):
    setattr(request, TAGS_ATTRIBUTE, getattr(request, TAGS_ATTRIBUTE, set()) | set(tags))


def tags_of(request):
    """What the response to `request` depends on: what its view said, else every listing."""
    return frozenset({EVERYTHING, *(getattr(request, TAGS_ATTRIBUTE, None) or {LISTINGS})})


def touch(tags):
    """Mark `tags` as changed now. Never raises: a cache outage must not stop publishing."""
    moment = now()
    try:
        _cache().set_many({PREFIX + tag: moment for tag in tags}, TAG_SECONDS)
    except Exception:  # any backend error; entries still expire by their timeout
        logger.exception("Could not invalidate the page cache")


def changed_since(tags, moment):
    """Which of `tags` changed at or after `moment` (a missing tag is marked changed now)."""
    keys = {PREFIX + tag: tag for tag in tags}
    found = _cache().get_many(list(keys))
    missing = [key for key in keys if key not in found]
    for key in missing:
        _cache().add(key, now(), TAG_SECONDS)
    return {keys[key] for key in missing} | {keys[key] for key, value in found.items() if value >= moment}


def start(tags, moment):
    """Before storing a page rendered from `moment`: give its tags that are missing a time before it.

    A change during the render would have set its tag, so a tag still missing has not changed since;
    `add` never overwrites a change made meanwhile.
    """
    keys = [PREFIX + tag for tag in tags]
    found = _cache().get_many(keys)
    for key in keys:
        if key not in found:
            _cache().add(key, moment - 1, TAG_SECONDS)


@contextlib.contextmanager
def rendering_since(moment):
    """Around a render the page cache may store: the moment it began (see `_fragment_stamp`)."""
    token = _render_started.set(moment)
    try:
        yield
    finally:
        _render_started.reset(token)


def _fragment_stamp(tag):
    """When `tag` last changed, set if the cache does not know; None if the cache is down.

    Setting a missing stamp lets fragments be kept when whole pages are not (PAGE_CACHE_SECONDS=0),
    where nothing else would set it. It is set as `start` sets it: to just before the page being
    rendered began, so the page is not stale before it is stored; `add` never overwrites a change
    made meanwhile.
    """
    try:
        when = _cache().get(PREFIX + tag)
        if when is None:
            started = _render_started.get()
            _cache().add(PREFIX + tag, now() if started is None else started - 1, TAG_SECONDS)
            when = _cache().get(PREFIX + tag)
        return when
    except Exception:
        logger.exception("Page cache unavailable")
        return None


def keep_until_changed(name, compute, tag=EVERYTHING):
    """`compute()`, kept in the page cache until `tag` next changes: for fragments every page shows.

    The tag's stamp is read once per request (core/memo.py), so the menu, header and footer of
    one page cost one read of it between them.
    """
    when = remember(f"cache-tags:stamp:{tag}", lambda: _fragment_stamp(tag))
    if when is None:
        return compute()
    key = f"{FRAGMENT_PREFIX}{name}:{when}"
    try:
        found = _cache().get(key)
    except Exception:
        logger.exception("Page cache unavailable")
        found = None
    if found is None:
        found = compute()
        try:
            _cache().set(key, found, TAG_SECONDS)
        except Exception:
            logger.exception("Page cache unavailable")
    return found
