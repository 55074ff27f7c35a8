"""Settings for the RQ workers the tests run as subprocesses: the worker tests' settings (a file
database, mail to the test's SMTP server), with tasks on Redis (RQ_REDIS_URL) through django-tasks-rq,
as TASKS_BACKEND=rq gives in production (site/settings/base.py)."""

from messaging.tests.worker_settings import *  # noqa: F403
from messaging.tests.worker_settings import env

TASKS = {"default": {"BACKEND": "core.task_backends.RQBackend"}}  # as in production
RQ_QUEUES = {"default": {"URL": env.str("RQ_REDIS_URL")}}
RQ = {"JOB_CLASS": "django_tasks_rq.backend.Job"}  # as site/settings/base.py sets it
INSTALLED_APPS = [*INSTALLED_APPS, "django_rq"]  # noqa: F405
MESSAGING_CHUNK_SIZE = 1  # one task per message: many small tasks for the two workers to share
