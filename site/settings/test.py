"""Lean, deterministic settings for the test suite."""

from pathlib import Path

from .base import *  # noqa: F403
from .environment import env

DEBUG = False
SECRET_KEY = "test-only-key"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Everything goes through the outbox, delivered at once into django.core.mail.outbox: the immediate
# task backend runs each task as it is enqueued. The worker tests run a real worker and SMTP server.
MESSAGING_TRANSPORT_BACKEND = env.str(
    "MESSAGING_TRANSPORT_BACKEND", default="django.core.mail.backends.locmem.EmailBackend"
)
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# In memory, unless REDIS_URL is set: then Redis, as in production (the second run in .ci/run). Every
# test empties both databases (conftest.py), so point REDIS_URL at a database nothing else uses.
if REDIS_URL:  # noqa: F405
    CACHES = cache_settings(REDIS_URL, REDIS_PAGE_CACHE_URL)  # noqa: F405
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"},
    }
WAGTAILFRONTENDCACHE = {}
PAGE_CACHE_SECONDS = 600  # on, whatever the environment says: the suite runs with the page cache
# TEST_MEDIA_ROOT lets two runs share one checkout (.ci/run runs SQLite and PostgreSQL side by side).
MEDIA_ROOT = Path(env.str("TEST_MEDIA_ROOT", default=str(BASE_DIR / ".test-media")))  # noqa: F405
ERASURE_LEDGER = str(MEDIA_ROOT / "erasure-ledger.jsonl")
# Tests that need Redis (the rate limit under concurrency) use this database of it, and empty it.
TEST_REDIS_URL = env.str("TEST_REDIS_URL", default="redis://127.0.0.1:6379/12")
WAGTAILADMIN_BASE_URL = "http://testserver"

# Static files come straight from the app folders; nothing is collected.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# The benchmarks' volume data generator, which some tests build on; never installed in production.
INSTALLED_APPS = [*INSTALLED_APPS, "benchmarks"]  # noqa: F405

# The demo loader may create development accounts (demo/users.py); never in production.
DEMO_USERS_ALLOWED = True
