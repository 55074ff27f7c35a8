"""GET /healthz for load balancers and monitoring: can this process reach its database and cache?"""

import secrets

from django.core.cache import cache
from django.db import DatabaseError, connections, transaction
from django.http import JsonResponse
from django.utils.cache import add_never_cache_headers

HEALTH_PATHS = ("/healthz", "/healthz/")


class ReadOnly(Exception):
    """The database answers but refuses writes."""


# An UPDATE that matches no row: the database must accept a write to run it, and nothing changes.
# It runs in a transaction that is rolled back whatever happens.
WRITE_PROBE = "UPDATE django_migrations SET app = app WHERE id < 0"


def check_database():
    """A round trip on every configured database, and a write it must accept (then rolled back)."""
    for connection in connections.all():
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        try:
            with transaction.atomic(using=connection.alias):
                with connection.cursor() as cursor:
                    cursor.execute(WRITE_PROBE)
                transaction.set_rollback(True, using=connection.alias)
        except DatabaseError as error:
            raise ReadOnly(str(error)) from error


def check_cache():
    """The default cache stores and returns a short-lived value."""
    key, value = "healthz:probe", secrets.token_hex(8)
    cache.set(key, value, timeout=10)
    if cache.get(key) != value:
        raise RuntimeError("the cache did not return what was stored")


CHECKS = {"database": check_database, "cache": check_cache}


def health_response():
    results = {}
    for name, check in CHECKS.items():
        try:
            check()
        except ReadOnly:
            results[name] = "read-only"
        except Exception:  # noqa: BLE001 - any failure means "not healthy", whatever its kind
            results[name] = "failed"
        else:
            results[name] = "ok"
    healthy = all(result == "ok" for result in results.values())
    response = JsonResponse(results, status=200 if healthy else 503)
    add_never_cache_headers(response)
    return response


class HealthCheckMiddleware:
    """Answers /healthz before any other middleware runs.

    A load balancer polls each app server by its own address, over plain HTTP: so the check
    must not depend on ALLOWED_HOSTS, the HTTPS redirect, sessions or any cache in front of
    the views. It writes nothing to the database (its write probe changes no row and is rolled
    back) and its answer is never cached.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info in HEALTH_PATHS and request.method in ("GET", "HEAD"):
            return health_response()
        return self.get_response(request)
