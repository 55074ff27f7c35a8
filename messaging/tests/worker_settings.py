"""Settings for the worker the tests run as a subprocess: the test settings, with tasks kept in the
database (a file SQLite database named by DATABASE_URL) and mail sent to the test's SMTP server."""

from settings.test import *  # noqa: F403
from settings.test import env

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
MESSAGING_TRANSPORT_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = "127.0.0.1"
EMAIL_PORT = env.int("TEST_SMTP_PORT", default=25)
EMAIL_USE_TLS = EMAIL_USE_SSL = False
EMAIL_TIMEOUT = 5
MESSAGING_CHUNK_SIZE = 10
MESSAGING_LEASE_SECONDS = 2
MESSAGING_RETRY_BASE_SECONDS = 1
MESSAGING_SWEEP_AFTER_SECONDS = 1
MESSAGING_SWEEP_SECONDS = 1
