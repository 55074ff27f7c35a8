"""Queue the day-before reminders of bookings (run each morning from cron: docs/events.md)."""

from django.core.management.base import BaseCommand

from events.reminders import send_reminders


class Command(BaseCommand):
    help = "Remind everyone with a confirmed place at a session that starts tomorrow, once each."

    def handle(self, *args, **options):
        count = send_reminders()
        self.stdout.write(f"Queued reminders for {count} booking(s) of tomorrow's sessions.")
