"""`manage.py sweep_outbox`: queue again the messages whose delivery task was lost (messaging/sweeper.py).

The worker runs the sweep by itself every MESSAGING_SWEEP_SECONDS; run this from cron where the
worker is not messaging's db_worker (an RQ worker), or by hand after an outage.
"""

from django.core.management.base import BaseCommand

from messaging.tasks import sweep


class Command(BaseCommand):
    help = "Queue again every outbox message that is due and has no live delivery task."

    def handle(self, *args, **options):
        count = sweep()
        self.stdout.write(f"Queued {count} message(s) again.")
