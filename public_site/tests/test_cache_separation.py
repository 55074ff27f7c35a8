"""With Redis, the page cache and the rate-limit counters live in different Redis databases, so
invalidating or emptying the page cache never wipes the counters (site/settings/caches.py); and the
test settings use Redis when REDIS_URL is set, so the suite can run on it (.ci/run does, twice).
Needs Redis at TEST_REDIS_URL (database 12 and the next, both emptied).
"""

import json
import os
import subprocess
import sys

import pytest
import redis
from django.core.cache import caches
from django.core.exceptions import ImproperlyConfigured

from core.ratelimit import RateLimit
from public_site import page_cache
from public_site.tests.checkers import unavailable
from public_site.tests.test_page_cache import warm
from public_site.tests.test_production_settings import ROOT
from settings.caches import cache_settings, next_database


@pytest.fixture
def redis_caches(settings):
    url = settings.TEST_REDIS_URL
    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.RedisError as error:
        unavailable(f"Redis is not reachable at {url} ({error}); start redis-server as .ci/run does")
    settings.CACHES = cache_settings(url)
    for alias in ("default", "pages"):
        caches[alias].clear()
    yield url
    for alias in ("default", "pages"):
        caches[alias].clear()


def keys_in(url):
    return [key.decode() for key in redis.Redis.from_url(url).keys("*")]


def test_emptying_the_page_cache_keeps_the_rate_limit_counters(redis_caches, client, home):
    limit = RateLimit("separation", "203.0.113.9", 5, 3600)
    limit.hit()
    limit.hit()
    warm(client, "/")
    counters, pages = keys_in(redis_caches), keys_in(next_database(redis_caches))
    assert any("ratelimit:separation" in key for key in counters)
    assert not any("page-cache" in key for key in counters)
    assert any("page-cache" in key for key in pages)

    page_cache.bump_generation()
    assert client.get("/")["X-Page-Cache"] == "miss"
    caches["pages"].clear()  # FLUSHDB of the pages' database, as a restore does
    assert keys_in(next_database(redis_caches)) == []
    assert limit.count() == 2
    assert client.get("/")["X-Page-Cache"] == "miss"


def test_the_test_settings_honour_redis_url():
    code = (
        "import django, json; django.setup(); from django.conf import settings; "
        "print(json.dumps(settings.CACHES))"
    )
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "settings.test",
        "REDIS_URL": "redis://127.0.0.1:6379/14",
    }
    environment["PYTHONPATH"] = f"{ROOT}{os.pathsep}{ROOT / 'site'}"
    environment.pop("REDIS_PAGE_CACHE_URL", None)
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert {alias: value["LOCATION"] for alias, value in found.items()} == {
        "default": "redis://127.0.0.1:6379/14",
        "pages": "redis://127.0.0.1:6379/15",
    }
    assert {value["BACKEND"] for value in found.values()} == {"core.cache_backends.ResilientRedisCache"}


def test_the_page_cache_may_not_share_the_counters_database():
    with pytest.raises(ImproperlyConfigured, match="another database"):
        cache_settings("redis://127.0.0.1:6379/3", "redis://127.0.0.1:6379/3")
    assert next_database("redis://:secret@cache.internal:6380") == "redis://:secret@cache.internal:6380/1"
    with pytest.raises(ImproperlyConfigured, match="database number"):
        next_database("redis://127.0.0.1:6379/cache")
