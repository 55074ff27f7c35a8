"""Settings shared by every environment. Environment-specific files import from here."""

from datetime import timedelta
from pathlib import Path

from core import roles

from .caches import cache_settings
from .environment import env
from .media import media_settings

BASE_DIR = Path(__file__).resolve().parent.parent.parent

INSTALLED_APPS = [
    "core",
    "pages",
    "workflows",
    "messaging",
    "involvement",
    "alerts",
    "questionnaires",
    "events",
    "published_responses",
    "reach",
    "analysis",
    "reporting",
    "public_site",
    "operations",
    "security",
    "demo",
    "wagtailnhsukfrontend",
    "wagtail_modeladmin",
    "django_tasks",
    "django_tasks_db",
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
    # Django's own form and widget templates, for FORM_RENDERER below.
    "django.forms",
]

MIDDLEWARE = [
    # First: /healthz answers whatever the Host header or scheme (see security/health.py).
    "security.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Early, so a cached page for an anonymous visitor skips everything below (public_site/page_cache.py).
    "public_site.page_cache.AnonymousPageCacheMiddleware",
    # Values read once per request (core/memo.py), and the private sections once per public
    # request, not once per listing (pages/privacy.py).
    "core.memo.RequestMemoMiddleware",
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

# Forms render with the templates above, so the public forms' NHS.UK field templates
# (templates/forms/, pages/forms.py) are found beside Django's and Wagtail's own.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

DATABASES = {"default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"].update(CONN_MAX_AGE=60, CONN_HEALTH_CHECKS=True)
# SQLite: write-ahead logging lets pages be read while something is written; a write transaction
# starts by taking the write lock (IMMEDIATE) and waits up to SQLITE_BUSY_TIMEOUT seconds for it, so
# two approvals at once queue one behind the other instead of one failing with "database is locked".
SQLITE_BUSY_TIMEOUT = env.int("SQLITE_BUSY_TIMEOUT", default=20)
SQLITE_OPTIONS = {
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    "transaction_mode": "IMMEDIATE",
    "timeout": SQLITE_BUSY_TIMEOUT,
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {**SQLITE_OPTIONS, **DATABASES["default"].get("OPTIONS", {})}

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
STATIC_ROOT = env.str("STATIC_ROOT", default=str(BASE_DIR / "static"))
STATIC_URL = "/static/"
# The NHS.UK frontend that wagtail-nhsuk-frontend ships, whose file names carry its version: the
# stylesheet base.html links and the script public_site/assets/js/site.js imports (the `nhsuk_frontend`
# template tag; a test checks both files are in the installed package and site.js names the same).
NHSUK_FRONTEND_VERSION = "10.4.2"
# Uploaded images and documents: on this machine or in object storage (site/settings/media.py).
_media = media_settings(BASE_DIR)
MEDIA_STORAGE = _media["MEDIA_STORAGE"]
MEDIA_ROOT = _media["MEDIA_ROOT"]
MEDIA_URL = _media["MEDIA_URL"]
MEDIA_CACHE_SECONDS = _media["MEDIA_CACHE_SECONDS"]
MEDIA_PUBLIC_ORIGIN = _media["MEDIA_PUBLIC_ORIGIN"]
WAGTAILDOCS_SERVE_METHOD = _media["WAGTAILDOCS_SERVE_METHOD"]
WAGTAILIMAGES_RENDITION_STORAGE = _media["WAGTAILIMAGES_RENDITION_STORAGE"]
STORAGES = {
    **_media["STORAGES"],
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Optional shared cache; without REDIS_URL each process keeps its own. Whole pages for anonymous
# visitors go in their own alias, so they never evict rate-limit counters: with Redis in another
# database of it (site/settings/caches.py), without it a folder on disk, shared by every worker and by
# cron jobs on the machine, so publishing (including publish_scheduled) reaches them all.
REDIS_URL = env.str("REDIS_URL", default="")
REDIS_PAGE_CACHE_URL = env.str("REDIS_PAGE_CACHE_URL", default="")
CACHES = cache_settings(
    REDIS_URL, REDIS_PAGE_CACHE_URL, env.str("PAGE_CACHE_DIR", default=str(BASE_DIR / ".page-cache"))
)

# Anonymous page cache (public_site/page_cache.py): how long a page is kept (0 turns it off; never
# past midnight in London) and the max-age browsers and a CDN are told.
PAGE_CACHE_ALIAS = "pages"
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=600)
PAGE_CACHE_BROWSER_SECONDS = env.int("PAGE_CACHE_BROWSER_SECONDS", default=60)
# A page of search results is kept more briefly: its words were typed by a visitor.
SEARCH_CACHE_SECONDS = env.int("SEARCH_CACHE_SECONDS", default=60)

# Optional CDN purging (Wagtail's frontend cache): Cloudflare, or any cache that accepts an HTTP
# PURGE (Varnish, nginx, Squid). Off unless configured.
WAGTAILFRONTENDCACHE = {}
if env.str("FRONTEND_CACHE_CLOUDFLARE_ZONEID", default=""):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "ZONEID": env.str("FRONTEND_CACHE_CLOUDFLARE_ZONEID"),
        **(
            {"BEARER_TOKEN": env.str("FRONTEND_CACHE_CLOUDFLARE_BEARER_TOKEN")}
            if env.str("FRONTEND_CACHE_CLOUDFLARE_BEARER_TOKEN", default="")
            else {
                "EMAIL": env.str("FRONTEND_CACHE_CLOUDFLARE_EMAIL", default=""),
                "API_KEY": env.str("FRONTEND_CACHE_CLOUDFLARE_API_KEY", default=""),
            }
        ),
    }
if env.str("FRONTEND_CACHE_PURGE_URL", default=""):
    WAGTAILFRONTENDCACHE["http"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": env.str("FRONTEND_CACHE_PURGE_URL"),
    }
_hostnames = [h.strip() for h in env.list("FRONTEND_CACHE_HOSTNAMES", default=[]) if h.strip()]
if _hostnames:
    for _backend in WAGTAILFRONTENDCACHE.values():
        _backend["HOSTNAMES"] = _hostnames
if WAGTAILFRONTENDCACHE:
    # Before public_site, whose ready() takes over its page purges (public_site/frontend_cache.py).
    INSTALLED_APPS.insert(INSTALLED_APPS.index("public_site"), "wagtail.contrib.frontend_cache")

# Mail: EMAIL_URL in django-environ's form. smtp+tls:// is STARTTLS (port 587), smtp+ssl:// is SSL
# from the start (port 465); smtp:// is unencrypted, which the deploy checks allow only to a relay
# on this machine (security/checks.py). Note that django-environ's smtps:// means STARTTLS, not SSL.
if env.str("EMAIL_URL", default=""):
    vars().update(env.email_url("EMAIL_URL"))
# Everything sent with Django's send_mail becomes an outbox row (messaging/backends.py); the
# worker sends it with MESSAGING_TRANSPORT_BACKEND: SMTP from EMAIL_URL unless a settings file
# says otherwise (the console in development, the in-memory outbox in tests).
MESSAGING_TRANSPORT_BACKEND = env.str(
    "MESSAGING_TRANSPORT_BACKEND",
    default=vars().get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend"),
)
EMAIL_BACKEND = "messaging.backends.OutboxEmailBackend"
# Seconds to wait for the mail server before giving up, so a wrong port never hangs a request.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="engagement-hub@localhost")

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = "Engagement hub"
WAGTAILADMIN_BASE_URL = env.str("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
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
SIGNOFF_REMINDER_DAYS = env.int("SIGNOFF_REMINDER_DAYS", default=5)

# The task queue (docs/messaging.md): the outbox's deliveries and Wagtail's own tasks (search index,
# frontend cache purge, renditions) all go to the "default" backend. The database backend keeps
# tasks in this site's database and `manage.py db_worker` runs them; TASKS_BACKEND=rq puts them on
# Redis (REDIS_URL) for `manage.py rqworker default`.
TASKS_BACKEND = env.str("TASKS_BACKEND", default="database")
if TASKS_BACKEND == "rq":
    TASKS = {"default": {"BACKEND": "core.task_backends.RQBackend"}}  # urgent tasks first
    RQ_QUEUES = {"default": {"URL": REDIS_URL or "redis://127.0.0.1:6379/0"}}
    # django-tasks-rq's job class, so that a plain `manage.py rqworker default` can run its tasks
    # (rq's own Job class calls the task object and fails every job).
    RQ = {"JOB_CLASS": "django_tasks_rq.backend.Job"}
    INSTALLED_APPS.append("django_rq")
else:
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# The outbox (messaging/): how many messages one task sends, how long a worker holds a message it
# is sending, retries, and the sweep that re-queues messages whose task was lost.
MESSAGING_CHUNK_SIZE = env.int("MESSAGING_CHUNK_SIZE", default=200)
MESSAGING_LEASE_SECONDS = env.int("MESSAGING_LEASE_SECONDS", default=300)
MESSAGING_MAX_ATTEMPTS = env.int("MESSAGING_MAX_ATTEMPTS", default=6)
MESSAGING_RETRY_BASE_SECONDS = env.int("MESSAGING_RETRY_BASE_SECONDS", default=60)
MESSAGING_SWEEP_AFTER_SECONDS = env.int("MESSAGING_SWEEP_AFTER_SECONDS", default=300)
MESSAGING_SWEEP_SECONDS = env.int("MESSAGING_SWEEP_SECONDS", default=60)
MESSAGING_LINK_MAX_AGE_DAYS = env.int("MESSAGING_LINK_MAX_AGE_DAYS", default=30)
# The domain in each message's Message-ID (empty: DEFAULT_FROM_EMAIL's domain).
MESSAGING_MESSAGE_ID_DOMAIN = env.str("MESSAGING_MESSAGE_ID_DOMAIN", default="")
# GOV.UK Notify: with an API key, email, text messages and letters go through Notify's templates.
NOTIFY_API_KEY = env.str("NOTIFY_API_KEY", default="")
NOTIFY_BASE_URL = env.str("NOTIFY_BASE_URL", default="https://api.notifications.service.gov.uk")
NOTIFY_EMAIL_TEMPLATE_ID = env.str("NOTIFY_EMAIL_TEMPLATE_ID", default="")
NOTIFY_SMS_TEMPLATE_ID = env.str("NOTIFY_SMS_TEMPLATE_ID", default="")
NOTIFY_LETTER_TEMPLATE_ID = env.str("NOTIFY_LETTER_TEMPLATE_ID", default="")

# Involvement register and feedback forms: submissions per address per hour (0: no limit),
# proxies trusted to report the client's address, and years of inactivity before erasure.
INVOLVEMENT_RATE_LIMIT = env.int("INVOLVEMENT_RATE_LIMIT", default=5)
INVOLVEMENT_RETENTION_YEARS = env.int("INVOLVEMENT_RETENTION_YEARS", default=3)
# Questionnaire responses lose their free text, email address and About you answers this many
# years after their opportunity's outcome is published (`remove_old_response_text`, daily).
QUESTIONNAIRE_RETENTION_YEARS = env.int("QUESTIONNAIRE_RETENTION_YEARS", default=3)
INVOLVEMENT_INVITATIONS_PER_QUARTER = env.int("INVOLVEMENT_INVITATIONS_PER_QUARTER", default=3)
# The group whose members see and manage the register and feedback.
INVOLVEMENT_STAFF_GROUP = roles.ENGAGEMENT_TEAM
# Days after a session ends before its bookings lose names, contact details and access needs.
EVENT_BOOKING_RETENTION_DAYS = env.int("EVENT_BOOKING_RETENTION_DAYS", default=90)

# How many proxies in front of gunicorn append to X-Forwarded-For (core/addresses.py): the forms'
# rate limit, the password reset limit and the sign-in lockout count the address they report.
# Unset here means 0 (development, tests); the production settings refuse to start without it.
TRUSTED_PROXIES = env.int("TRUSTED_PROXIES", default=None)

# Search terms (Reports → Search terms) are kept this many days by Wagtail's
# `searchpromotions_garbage_collect`, run daily from cron.
SEARCH_TERMS_RETENTION_DAYS = env.int("SEARCH_TERMS_RETENTION_DAYS", default=90)
WAGTAILSEARCH_HITS_MAX_AGE = SEARCH_TERMS_RETENTION_DAYS

# Backups (operations/backups.py) and the erasure ledger kept beside them: the date and a keyed hash
# of each erased email address, so `restore` can erase again whoever was erased after the backup.
BACKUP_DIR = env.str("BACKUP_DIR", default=str(BASE_DIR / "backups"))
ERASURE_LEDGER = env.str("ERASURE_LEDGER", default=str(Path(BACKUP_DIR) / "erasure-ledger.jsonl"))

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
        "img-src": ["'self'", "data:", *([MEDIA_PUBLIC_ORIGIN] if MEDIA_PUBLIC_ORIGIN else [])],
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

# The demo loader may create development accounts (dev and test settings say so); never in production.
DEMO_USERS_ALLOWED = False
DEMO_PASSWORD_FILE = BASE_DIR / ".demo-password"
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
AXES_HTTP_RESPONSE_CODE = 429  # "Too many requests", with the lockout page
AXES_LOCKOUT_CALLABLE = "security.lockout.lockout_response"
# The same address the public forms' rate limit uses (TRUSTED_PROXIES).
AXES_CLIENT_IP_CALLABLE = "core.addresses.client_ip"

# Password reset (security/password_reset.py): the same work whichever address is given, the email
# sent in the background, and at most this many requests an hour from one address and for one email
# address (the second limit is silent, so it reveals nothing about which addresses have accounts).
WAGTAILADMIN_USER_PASSWORD_RESET_FORM = "security.password_reset.PasswordResetForm"
PASSWORD_RESET_LIMIT_PER_ADDRESS = env.int("PASSWORD_RESET_LIMIT_PER_ADDRESS", default=10)
PASSWORD_RESET_LIMIT_PER_ACCOUNT = env.int("PASSWORD_RESET_LIMIT_PER_ACCOUNT", default=3)

# Sessions end after 30 minutes without a request, and when the browser closes.
SESSION_COOKIE_AGE = 30 * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
