"""`manage.py retry_messages`: give failed outbox messages another go, once the cause is fixed."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from messaging import tasks
from messaging.models import Message, Status


class Command(BaseCommand):
    help = "Queue failed outbox messages again (all of them, or those with --purpose or --id)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--purpose", help="Only messages with this purpose (confirm, alert, signoff, ...)."
        )
        parser.add_argument(
            "--id", type=int, action="append", dest="ids", help="Only this message (repeatable)."
        )

    def handle(self, *args, purpose=None, ids=None, **options):
        failed = Message.objects.filter(status=Status.FAILED)
        if purpose:
            failed = failed.filter(purpose=purpose)
        if ids:
            failed = failed.filter(pk__in=ids)
        pks = list(failed.values_list("pk", flat=True))
        Message.objects.filter(pk__in=pks, status=Status.FAILED).update(
            status=Status.QUEUED, attempts=0, next_attempt_at=timezone.now(), last_error=""
        )
        tasks.enqueue_delivery(pks)
        self.stdout.write(f"Queued {len(pks)} failed message(s) again.")
