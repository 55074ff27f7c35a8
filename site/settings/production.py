"""Production: everything secret or host-specific comes from the environment."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .environment import env

DEBUG = False

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    raise ImproperlyConfigured("Set the SECRET_KEY environment variable.")
# Earlier keys, after a change: still accepted for signatures, and matched in the erasure ledger.
SECRET_KEY_FALLBACKS = env.list("SECRET_KEY_FALLBACKS", default=[])

ALLOWED_HOSTS = [h.strip() for h in env.list("ALLOWED_HOSTS", default=[]) if h.strip()]
CSRF_TRUSTED_ORIGINS = [o.strip() for o in env.list("CSRF_TRUSTED_ORIGINS", default=[]) if o.strip()]

STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "public_site.storage.StaticFilesStorage"
}

# How many proxies stand in front of gunicorn must be stated: with the wrong number every visitor
# seems to come from the proxy, and five bad sign-ins by anyone lock a username out for everyone.
if TRUSTED_PROXIES is None:  # noqa: F405
    raise ImproperlyConfigured(
        "Set the TRUSTED_PROXIES environment variable: the number of proxies in front of gunicorn "
        "that add the client's address to X-Forwarded-For (1 behind one TLS-terminating proxy or "
        "load balancer; 0 if gunicorn is reached directly)."
    )
# Behind a TLS-terminating proxy, which must set X-Forwarded-Proto (and strip any value a client
# sent), Django knows which requests came over HTTPS. With no proxy the header is not trusted.
if TRUSTED_PROXIES > 0:  # noqa: F405
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
# A load balancer may poll the health check over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz/?$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Email addresses and phone numbers are replaced in every message and traceback written.
    "filters": {"scrub_personal_data": {"()": "operations.log_filters.ScrubPersonalData"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["scrub_personal_data"]}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}
