"""Queue the weekly email alert digests (run weekly from cron: docs/operations.md)."""

from django.core.management.base import BaseCommand

from alerts.digests import send_digests


class Command(BaseCommand):
    help = "Queue each weekly alert subscriber's digest of what went live since their last one."

    def handle(self, *args, **options):
        sent, seen = send_digests()
        self.stdout.write(f"Queued {sent} digest(s) for {seen} weekly subscriber(s).")
