"""Delete sign-ups nobody confirmed within 30 days, and unconfirmed changes; run daily from cron."""

import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from involvement.models import Member, PendingChange

DAYS = 30


class Command(BaseCommand):
    help = (
        "Delete register sign-ups not confirmed within 30 days (they never joined, so nothing of "
        "them is kept), and changes to members that were not confirmed within 30 days."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Count them; change nothing.")

    def handle(self, *args, dry_run=False, **options):
        cutoff = timezone.now() - datetime.timedelta(days=DAYS)
        members = Member.objects.unconfirmed().filter(joined_at__lt=cutoff)
        changes = PendingChange.objects.filter(created_at__lt=cutoff)
        if dry_run:
            self.stdout.write(
                f"{members.count()} unconfirmed sign-up(s) and {changes.count()} unconfirmed change(s) "
                "would be deleted (dry run)."
            )
            return
        removed = members.delete()[1].get("involvement.Member", 0)
        dropped = changes.delete()[0]
        self.stdout.write(f"Deleted {removed} unconfirmed sign-up(s) and {dropped} unconfirmed change(s).")
