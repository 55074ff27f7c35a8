"""The caches (docs/deployment.md): the `default` alias holds rate-limit counters and lookups,
`pages` holds whole pages for anonymous visitors.

With REDIS_URL both live in Redis, in two different databases of it: the counters in the database
REDIS_URL names, the pages in the next one (or REDIS_PAGE_CACHE_URL). Emptying the page cache
(a restore does, and Django's `cache.clear()` is Redis' FLUSHDB) then never wipes the rate limit's
counters. Without Redis, counters are per process and pages are a folder on disk.

Redis being down never fails a request (core/cache_backends.py): a read is a miss, a write is
dropped, and each call gives up after REDIS_TIMEOUTS, so a hung Redis costs a request at most about
a second per cache call rather than a worker.
"""

from urllib.parse import urlsplit, urlunsplit

from django.core.exceptions import ImproperlyConfigured

# Seconds to connect, and to wait for an answer (redis-py's connection pool options).
REDIS_TIMEOUTS = {"socket_connect_timeout": 0.5, "socket_timeout": 1.0}


def next_database(url):
    """The same Redis server's next database: redis://h:6379/1 -> redis://h:6379/2 (0 -> 1)."""
    parts = urlsplit(url)
    number = parts.path.strip("/") or "0"
    if not number.isdigit():
        raise ImproperlyConfigured("REDIS_URL must end with a database number, like redis://host:6379/1.")
    return urlunsplit(parts._replace(path=f"/{int(number) + 1}"))


def cache_settings(redis_url, page_cache_url="", page_cache_dir=""):
    if redis_url:
        pages_url = page_cache_url or next_database(redis_url)
        if pages_url == redis_url:
            raise ImproperlyConfigured("REDIS_PAGE_CACHE_URL must name another database than REDIS_URL.")
        redis = {"BACKEND": "core.cache_backends.ResilientRedisCache", "OPTIONS": REDIS_TIMEOUTS}
        return {
            "default": {**redis, "LOCATION": redis_url, "KEY_PREFIX": "hub"},
            "pages": {**redis, "LOCATION": pages_url, "KEY_PREFIX": "pages"},
        }
    return {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "pages": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": page_cache_dir,
            "OPTIONS": {"MAX_ENTRIES": 5000},
        },
    }
