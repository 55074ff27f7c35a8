"""Local development: debug on, SQLite unless DATABASE_URL says otherwise."""

from .base import *  # noqa: F403
from .environment import env

DEBUG = True
SECRET_KEY = "dev-only-insecure-key-not-for-production"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]", "testserver"]
# Mail is printed by the worker, unless EMAIL_URL names a mail server.
if not env.str("EMAIL_URL", default=""):
    MESSAGING_TRANSPORT_BACKEND = env.str(
        "MESSAGING_TRANSPORT_BACKEND", default="django.core.mail.backends.console.EmailBackend"
    )
# Template changes show at once; set PAGE_CACHE_SECONDS to try the anonymous page cache locally.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=0)

# Static files come straight from the app folders; nothing is collected.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# The demo loader may create development accounts (demo/users.py); never in production.
DEMO_USERS_ALLOWED = True
