"""Delete alert subscriptions never confirmed within 30 days (run daily from cron: docs/operations.md)."""

from django.core.management.base import BaseCommand

from alerts.subscribing import remove_unconfirmed


class Command(BaseCommand):
    help = "Delete email alert subscriptions that were not confirmed within 30 days."

    def handle(self, *args, **options):
        removed = remove_unconfirmed()
        self.stdout.write(f"Removed {removed} unconfirmed alert subscription(s).")
