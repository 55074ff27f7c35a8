"""Whole-page cache for anonymous visitors, invalidated by a generation number and by the London date.

A cached page is looked up under a key made of the London date, the scheme, host, path and a
normalised query string, and stored under the query the view says it applied (a listing's
understood filters: pages/listing.py; search's cleaned words), so junk values share the clean
page's entry. The entry remembers when it began rendering and what it shows, as tags
(public_site/cache_tags.py); a change to public content (public_site/cache_signals.py) marks the
tags it affects as changed, so the entries that show it stop matching at once and the others keep
serving. Because the date is part of the key and no entry outlives the London midnight, a status
derived from today's date (open, closed…) is never served stale.

A page made stale by a publish is rendered again by one request, which holds a short lock in the
cache, while the other requests for it are served the stale copy (`X-Page-Cache: stale`, kept by
no browser or proxy), so a publish does not send every visitor of the home page to the database at
once. After a change that makes every page stale (unpublishing, privacy, settings…) no stale copy
is served: each request renders.

Only anonymous GET and HEAD requests without a session or messages cookie are looked up, so a
hit costs two cache reads in one round trip and no database query. Only responses of the public
views named in CACHEABLE_VIEWS are stored, and only when they are a plain 200 that sets no
cookie, used no CSRF token, carries no message and chose no Cache-Control of its own.
"""

import hashlib
import logging
from urllib.parse import parse_qsl

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control

from core.dates import day_bounds
from pages.listing import CANONICAL_QUERY_ATTRIBUTE
from pages.listing import query_string as canonical_query
from public_site.cache_tags import EVERYTHING, changed_since, now, rendering_since, start, tags_of, touch
from public_site.search_counts import COUNTED_ATTRIBUTE, record_search

logger = logging.getLogger(__name__)

# The URL names (see public_site/urls.py, reporting/urls.py and Wagtail's) whose anonymous
# responses may be stored. Everything else (admin, documents, API, forms' POSTs) never is.
CACHEABLE_VIEWS = frozenset(
    {
        "wagtail_serve",
        "engagement_report_csv",
        "opportunities_rss",
        "opportunities_atom",
        "you_said_we_did_rss",
        "you_said_we_did_atom",
        "events_ics",
        "opportunity_ics",
        "sitemap",
        "robots_txt",
        "search",
    }
)
# A view may keep its page for less than PAGE_CACHE_SECONDS by leaving a number of seconds here.
CACHE_SECONDS_ATTRIBUTE = "page_cache_seconds"

# Query parameters the index pages and search read: their filters, page number and search words. A
# request with any other parameter is neither served from nor stored in the cache.
QUERY_PARAMETERS = frozenset({"page", "status", "type", "topic", "audience", "year", "q"})
# Campaign tracking that no page reads: dropped from the key, so it does not split the cache.
TRACKING_PARAMETERS = frozenset({"fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "_ga"})
MAX_QUERY_LENGTH = 512
STORED_ATTRIBUTE = "page_cache_stored"
# How long one request may hold the rebuilding of a stale page while others get the stale copy.
REBUILD_SECONDS = 10

NEVER_LOOKED_UP = ("/admin/", "/documents/", "/api/", "/static/", "/media/", "/healthz")
# Headers the cache sets itself on the way out; never stored.
OWN_HEADERS = frozenset({"cache-control", "expires", "set-cookie", "x-page-cache"})
# What the key covers; a response that varies on anything else is not stored.
KEYED_VARY = frozenset({"cookie", "accept-encoding"})


def page_cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def cache_seconds():
    return settings.PAGE_CACHE_SECONDS


def browser_seconds():
    return settings.PAGE_CACHE_BROWSER_SECONDS


# Invalidation --------------------------------------------------------------


def bump_generation():
    """Make every page stored so far stale. Never raises: a cache outage must not stop publishing."""
    touch({EVERYTHING})


# Day boundaries ------------------------------------------------------------


# Keys ----------------------------------------------------------------------


def normalised_query(query_string):
    """The query string with parameters in a fixed order, or None if it is not one we cache."""
    if not query_string:
        return ""
    if len(query_string) > MAX_QUERY_LENGTH:
        return None
    pairs = []
    for name, value in parse_qsl(query_string, keep_blank_values=True):
        if name.startswith("utm_") or name in TRACKING_PARAMETERS:
            continue
        if name not in QUERY_PARAMETERS:
            return None
        pairs.append((name, value))
    # Filters are sets: ?topic=a&topic=b and ?topic=b&topic=a give the same listing.
    return canonical_query(pairs)


def lookup_key(request, today):
    """The cache key for an anonymous GET or HEAD, or None when the request must not use the cache."""
    if request.method not in ("GET", "HEAD"):
        return None
    path = request.path
    if path.startswith(NEVER_LOOKED_UP):
        return None
    cookies = request.COOKIES
    message_cookie = CookieStorage.cookie_name
    if settings.SESSION_COOKIE_NAME in cookies or message_cookie in cookies:
        return None  # signed in, or has a session or messages: always rendered for them
    if "HTTP_AUTHORIZATION" in request.META:
        return None
    query = normalised_query(request.META.get("QUERY_STRING", ""))
    if query is None:
        return None
    return _key(request, today, path, query)


def _key(request, today, path, query):
    try:
        host = request.get_host()
    except DisallowedHost:
        return None  # let the normal handling refuse it
    address = f"{request.scheme}://{host}{path}?{query}"
    digest = hashlib.blake2b(address.encode(), digest_size=20).hexdigest()
    return f"page-cache:{today.isoformat()}:{digest}"


def store_key(request, lookup, today):
    """Where a rendered page is stored: under the query the view says it applied, if it says so.

    A listing reports the filters it understood (pages/listing.py), so /get-involved/?topic=junk is
    stored as /get-involved/ is, replacing that entry rather than adding one. A view that reads no
    query says nothing, and then only a request without one is stored.
    """
    if lookup is None:
        return None
    applied = getattr(request, CANONICAL_QUERY_ATTRIBUTE, None)
    if applied is not None:
        return _key(request, today, request.path, canonical_query(applied))
    if normalised_query(request.META.get("QUERY_STRING", "")):
        return None
    return lookup


# Rebuilding a stale page once ------------------------------------------------


def claim_rebuild(key):
    """The lock key if this request may render the stale page under `key` again, else None.

    The lock lapses after REBUILD_SECONDS, so a worker that dies mid-render holds nobody up for
    longer; a cache outage lets every request render.
    """
    lock = f"{key}:rebuilding"
    try:
        return lock if page_cache().add(lock, 1, REBUILD_SECONDS) else None
    except Exception:
        logger.exception("Page cache unavailable")
        return lock


def release_rebuild(lock, key, replaced):
    """Let the next request rebuild; drop the stale copy unless the new page replaced it (a page
    now answering 404, or not stored, must not go on being served stale)."""
    try:
        page_cache().delete_many([lock] if replaced else [lock, key])
    except Exception:
        logger.exception("Page cache unavailable")


def response_stored(request):
    return getattr(request, STORED_ATTRIBUTE, False)


# Storing -------------------------------------------------------------------


def _may_store(request, response):
    if request.method != "GET" or response.status_code != 200 or response.streaming:
        return False
    if response.cookies or response.has_header("Cache-Control") or response.has_header("Content-Encoding"):
        return False
    vary = {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}
    if vary - KEYED_VARY:
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False
    messages = getattr(request, "_messages", None)
    if messages is not None and (messages.used or len(messages)):
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get("CSRF_COOKIE_USED"):
        return False
    return True


def _public_headers(response, seconds):
    response["Cache-Control"] = f"public, max-age={max(0, int(seconds))}"


class AnonymousPageCacheMiddleware:
    """Serves and stores whole public pages for anonymous visitors; see the module docstring.

    Sits right after WhiteNoise, so a hit skips sessions, CSRF, authentication and the view.
    Responses it does not store, from the public views, get `Cache-Control: private, no-cache`
    unless the view chose its own, so neither browsers nor a CDN keep a signed-in page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if cache_seconds() <= 0:
            return self.get_response(request)
        today, _start, midnight = day_bounds()
        key = lookup_key(request, today)
        rebuilding = None
        if key is not None:
            entry, changed = self.lookup(key)
            if entry is not None and not changed:
                return self.respond(entry, midnight, "hit")
            if entry is not None and EVERYTHING not in changed:
                # Stale after a publish: one request renders it again and the others are served
                # the stale copy meanwhile, so a publish does not send every visitor of the page
                # to the database at once. Never after a change to everything (unpublishing,
                # privacy, deleting, moving, settings): then each request renders.
                rebuilding = claim_rebuild(key)
                if rebuilding is None:
                    return self.respond(entry, midnight, "stale")
        started = now()  # before rendering: a change made meanwhile makes this entry stale at once
        stored_under = None
        try:
            with rendering_since(started):
                response = self.get_response(request)
            stored_under = store_key(request, key, today)
            return self.finish(request, response, stored_under, started, midnight)
        finally:
            if rebuilding is not None:
                release_rebuild(rebuilding, key, replaced=response_stored(request) and stored_under == key)

    def lookup(self, key):
        """(the stored entry or None, the tags that changed since it began rendering)."""
        try:
            entry = page_cache().get(key)
            if entry is None:
                return None, set()
            return entry, changed_since(entry[1], entry[0])
        except Exception:  # a cache outage serves pages uncached
            logger.exception("Page cache unavailable")
            return None, set()

    def respond(self, entry, midnight, state):
        """The stored response: a hit, or a stale copy served while another request renders it."""
        _started, _tags, content, headers, counted = entry
        if counted:
            record_search(counted)  # a search served from the cache still counts
        response = HttpResponse(content, headers=headers)
        remaining = (midnight - timezone.now()).total_seconds()
        # A stale copy is for the moment of the rebuild: no browser or proxy may keep it.
        _public_headers(response, min(browser_seconds(), remaining) if state == "hit" else 0)
        response["X-Page-Cache"] = state
        return response

    def finish(self, request, response, key, started, midnight):
        match = getattr(request, "resolver_match", None)
        public_view = match is not None and match.url_name in CACHEABLE_VIEWS
        if not public_view:
            return response
        remaining = (midnight - timezone.now()).total_seconds()
        keep = min(cache_seconds(), getattr(request, CACHE_SECONDS_ATTRIBUTE, cache_seconds()), remaining)
        if key is not None and keep >= 1 and _may_store(request, response):
            self.store(key, started, request, response, keep)
            _public_headers(response, min(browser_seconds(), remaining))
            response["X-Page-Cache"] = "miss"
        elif not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True, no_cache=True)
        return response

    def store(self, key, started, request, response, timeout):
        try:
            headers = [(k, v) for k, v in response.items() if k.lower() not in OWN_HEADERS]
            counted = getattr(request, COUNTED_ATTRIBUTE, None)
            tags = tags_of(request)
            start(tags, started)
            entry = (started, tags, response.content, headers, counted)
            page_cache().set(key, entry, int(timeout))
            setattr(request, STORED_ATTRIBUTE, True)
        except Exception:
            logger.exception("Page cache unavailable")
