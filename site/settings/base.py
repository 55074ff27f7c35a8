"""Settings shared by every environment. Environment-specific files import from here."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
import dj_email_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent

INSTALLED_APPS = [
    "pages",
    "workflows",
    "involvement",
    "reporting",
    "public_site",
    "operations",
    "security",
    "wagtailnhsukfrontend",
    "wagtail_modeladmin",
    "wagtail.api.v2",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.redirects",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.table_block",
    "wagtail.contrib.typed_table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "rest_framework",
    "django_filters",
    "csp",
    "axes",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    # First: /healthz answers whatever the Host header or scheme (see security/health.py).
    "security.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Early, so a cached page for an anonymous visitor skips everything below (public_site/page_cache.py).
    "public_site.page_cache.AnonymousPageCacheMiddleware",
    # Private sections read once per public request, not once per listing (pages/privacy.py).
    "pages.privacy.RestrictionsPerRequestMiddleware",
    "security.middleware.ContentSecurityPolicyMiddleware",
    "security.middleware.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "workflows.middleware.SignOffRefusalMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes requires: turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

# django-axes first: it refuses sign-ins that are locked out before the password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "urls"
WSGI_APPLICATION = "wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}", conn_max_age=60, conn_health_checks=True
    )
}

# wagtail-nhsuk-frontend's migrations assume integer primary keys.
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [BASE_DIR / "public_site" / "assets"]
STATIC_ROOT = os.environ.get("STATIC_ROOT") or BASE_DIR / "static"
STATIC_URL = "/static/"
MEDIA_ROOT = os.environ.get("MEDIA_ROOT") or BASE_DIR / "media"
MEDIA_URL = "/media/"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Optional shared cache; without REDIS_URL each process keeps its own. Whole pages for anonymous
# visitors go in their own alias, so they never evict rate-limit counters. Without Redis that alias
# is a folder on disk, shared by every worker and by cron jobs on the machine, so publishing
# (including publish_scheduled) reaches them all.
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        },
        "pages": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": "pages",
        },
    }
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "pages": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ.get("PAGE_CACHE_DIR") or BASE_DIR / ".page-cache",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        },
    }

# Anonymous page cache (public_site/page_cache.py): how long a page is kept (0 turns it off; never
# past midnight in London) and the max-age browsers and a CDN are told.
PAGE_CACHE_ALIAS = "pages"
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))
PAGE_CACHE_BROWSER_SECONDS = int(os.environ.get("PAGE_CACHE_BROWSER_SECONDS", "60"))

# Optional CDN purging (Wagtail's frontend cache): Cloudflare, or any cache that accepts an HTTP
# PURGE (Varnish, nginx, Squid). Off unless configured.
WAGTAILFRONTENDCACHE = {}
if os.environ.get("FRONTEND_CACHE_CLOUDFLARE_ZONEID"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "ZONEID": os.environ["FRONTEND_CACHE_CLOUDFLARE_ZONEID"],
        **(
            {"BEARER_TOKEN": os.environ["FRONTEND_CACHE_CLOUDFLARE_BEARER_TOKEN"]}
            if os.environ.get("FRONTEND_CACHE_CLOUDFLARE_BEARER_TOKEN")
            else {
                "EMAIL": os.environ.get("FRONTEND_CACHE_CLOUDFLARE_EMAIL", ""),
                "API_KEY": os.environ.get("FRONTEND_CACHE_CLOUDFLARE_API_KEY", ""),
            }
        ),
    }
if os.environ.get("FRONTEND_CACHE_PURGE_URL"):
    WAGTAILFRONTENDCACHE["http"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": os.environ["FRONTEND_CACHE_PURGE_URL"],
    }
if os.environ.get("FRONTEND_CACHE_HOSTNAMES"):
    _hostnames = [h.strip() for h in os.environ["FRONTEND_CACHE_HOSTNAMES"].split(",") if h.strip()]
    for _backend in WAGTAILFRONTENDCACHE.values():
        _backend["HOSTNAMES"] = _hostnames
if WAGTAILFRONTENDCACHE:
    INSTALLED_APPS.append("wagtail.contrib.frontend_cache")

if os.environ.get("EMAIL_URL"):
    globals().update(dj_email_url.parse(os.environ["EMAIL_URL"]))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "engagement-hub@localhost")

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = "Engagement hub"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
# A plan's equality impact assessment cannot be moved out of the staff-only collection.
WAGTAILDOCS_DOCUMENT_FORM_BASE = "workflows.document_forms.PlanDocumentForm"
WAGTAIL_I18N_ENABLED = False
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"

# Sign-off: the last approval publishes (or schedules) whoever gives it, and
# approvers are told by email; superusers are not copied on every stage.
WAGTAIL_FINISH_WORKFLOW_ACTION = "workflows.finish.publish_or_schedule"
WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = False
WAGTAIL_WORKFLOW_CANCEL_ON_PUBLISH = True

# How long a sign-off stage may wait before its approvers are reminded.
SIGNOFF_REMINDER_DAYS = int(os.environ.get("SIGNOFF_REMINDER_DAYS", "5"))

TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# Involvement register and feedback forms: submissions per address per hour (0: no limit),
# proxies trusted to report the client's address, and years of inactivity before erasure.
INVOLVEMENT_RATE_LIMIT = int(os.environ.get("INVOLVEMENT_RATE_LIMIT", "5"))
INVOLVEMENT_TRUSTED_PROXIES = int(os.environ.get("INVOLVEMENT_TRUSTED_PROXIES", "0"))
INVOLVEMENT_RETENTION_YEARS = int(os.environ.get("INVOLVEMENT_RETENTION_YEARS", "3"))

# --- Security (README: "Security") ------------------------------------------------------------

# Content-Security-Policy (django-csp 4): only the site's own scripts, styles and images; the
# NHS.UK stylesheet's Frutiger web fonts come from assets.nhs.uk, which licenses them. No inline
# script or style, no nonces (pages are cached whole). JSON-LD and JSON data blocks are not run.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "font-src": ["'self'", "https://assets.nhs.uk"],
        "img-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}
# Under /admin/ these directives replace the ones above: Wagtail's editor uses inline scripts and
# styles, shows its page preview in a frame of its own, and shows embed and image previews.
SECURITY_ADMIN_URL_PREFIX = "/admin/"
CONTENT_SECURITY_POLICY_ADMIN = {
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:", "https:"],
    "frame-src": ["'self'", "https:"],
    "frame-ancestors": ["'self'"],
    # Wagtail tells superusers about new releases (WAGTAIL_ENABLE_UPDATE_CHECK).
    "connect-src": ["'self'", "https://releases.wagtail.org"],
}
# Browser features the site never uses, switched off for it and anything it might frame.
PERMISSIONS_POLICY = {
    feature: []
    for feature in [
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    ]
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
# Staff avatars are not fetched from Gravatar: no staff email hashes leave the site.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# Sign-in lockout (django-axes): 5 failed attempts for one username from one address lock that
# pair out for an hour (each further attempt restarts the hour); a success clears the count.
# Administrators unlock under Settings → Sign-in lockouts or with `manage.py axes_reset_username`.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(hours=1)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "security.lockout.lockout_response"
# The same address the public forms' rate limit uses (INVOLVEMENT_TRUSTED_PROXIES).
AXES_CLIENT_IP_CALLABLE = "involvement.spam.client_ip"

# Sessions end after 30 minutes without a request, and when the browser closes.
SESSION_COOKIE_AGE = 30 * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
