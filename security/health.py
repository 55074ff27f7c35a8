"""GET /healthz for load balancers and monitoring: can this process reach its database and cache?"""

import secrets

from django.core.cache import cache
from django.db import connections
from django.http import JsonResponse
from django.utils.cache import add_never_cache_headers

HEALTH_PATHS = ("/healthz", "/healthz/")


def check_database():
    """A read-only round trip on every configured database."""
    for connection in connections.all():
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()


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
    the views. It writes nothing to the database and its answer is never cached.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info in HEALTH_PATHS and request.method in ("GET", "HEAD"):
            return health_response()
        return self.get_response(request)
