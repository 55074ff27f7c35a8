"""Remove the names, contact details and access needs of old bookings; run daily from cron."""

from django.core.management.base import BaseCommand, CommandError

from events import retention


class Command(BaseCommand):
    help = (
        "Blank the name, contact details and access needs of every booking whose session ended more "
        "than --days days ago (default settings.EVENT_BOOKING_RETENTION_DAYS, 90). The bookings stay, "
        "with their places and attendance, so the counts stay true."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=int, default=None, help="Days after the session ended (default 90)."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Count the bookings that would be removed; change nothing."
        )

    def handle(self, *args, days=None, dry_run=False, **options):
        days = retention.retention_days() if days is None else days
        if days < 1:
            raise CommandError("--days must be 1 or more.")
        if dry_run:
            count = retention.due(days=days).count()
            self.stdout.write(
                f"{count} booking(s) of sessions ended over {days} days ago would be removed (dry run)."
            )
            return
        count = retention.remove_old_bookings(days=days)
        self.stdout.write(
            f"Removed the personal data of {count} booking(s) of sessions ended over {days} days ago."
        )
