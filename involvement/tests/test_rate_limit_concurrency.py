"""Twenty sign-ups arriving at once from one address, against a limit of five: exactly five are stored.

The rate limit takes its slot with Redis' atomic INCR (cache.add then cache.incr) before saving, so
no two requests can both see "four so far". Before, each read the count, saved, then counted: 20
simultaneous sign-ups stored 10. Needs PostgreSQL (SQLite serialises the writers anyway) and Redis
at TEST_REDIS_URL (database 12 by default, emptied before and after).
"""

import threading

import pytest
import redis
from django.conf import settings as django_settings
from django.core.cache import caches
from django.db import connection
from django.test import Client

from involvement.models import Member
from involvement.tests import test_register_form as register
from public_site.tests.checkers import unavailable

ATTEMPTS, LIMIT = 20, 5


@pytest.fixture
def redis_cache(settings):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL, where simultaneous sign-ups really run at once")
    url = django_settings.TEST_REDIS_URL
    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.RedisError as error:
        unavailable(f"Redis is not reachable at {url} ({error}); start redis-server as .ci/run does")
    settings.CACHES = {
        **settings.CACHES,
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url},
    }
    caches["default"].clear()
    yield caches["default"]
    caches["default"].clear()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_simultaneous_sign_ups_store_exactly_the_limit(settings, redis_cache, register_page, topics):
    settings.INVOLVEMENT_RATE_LIMIT = (LIMIT, 3600)
    barrier = threading.Barrier(ATTEMPTS)
    statuses = []

    def sign_up(n):
        from django.db import connection as thread_connection

        data = register.form_data(register_page, topics, email=f"person{n}@example.com", name=f"Person {n}")
        try:
            barrier.wait()
            statuses.append(Client().post(register.URL, data, REMOTE_ADDR="203.0.113.5").status_code)
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=sign_up, args=(n,)) for n in range(ATTEMPTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [200] * (ATTEMPTS - LIMIT) + [302] * LIMIT
    assert Member.objects.count() == LIMIT
