"""`manage.py db_worker`: django-tasks-db's worker, which also sweeps the outbox.

It is django-tasks-db's own command (same options), with one addition: a thread that runs the
outbox sweep (messaging/sweeper.py) when the worker starts and every MESSAGING_SWEEP_SECONDS, so a
delivery task lost when a worker was killed is queued again without cron. This app comes before
django_tasks_db in INSTALLED_APPS, so this command is the one `db_worker` runs.
"""

import logging
import threading

from django.conf import settings
from django.db import close_old_connections, connection
from django_tasks_db.management.commands.db_worker import Command as WorkerCommand

from messaging.tasks import sweep

logger = logging.getLogger("messaging")


def sweep_forever(stop, every):
    while not stop.is_set():
        try:
            close_old_connections()
            count = sweep()
            if count:
                logger.info("Outbox sweep queued %s message(s) again.", count)
        except Exception:  # a database blip: try again at the next sweep
            logger.exception("Outbox sweep failed")
        finally:
            connection.close()
        stop.wait(every)


class Command(WorkerCommand):
    help = WorkerCommand.help + " Sweeps the outbox every MESSAGING_SWEEP_SECONDS."

    def handle(self, *args, **options):
        stop = threading.Event()
        if settings.MESSAGING_SWEEP_SECONDS > 0 and not options.get("batch"):
            threading.Thread(
                target=sweep_forever,
                args=(stop, settings.MESSAGING_SWEEP_SECONDS),
                daemon=True,
                name="outbox-sweep",
            ).start()
        try:
            return super().handle(*args, **options)
        finally:
            stop.set()
