"""Erase the personal data of register members with no activity for a number of years; run from cron."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from involvement.erasure_ledger import LedgerError
from involvement.models import Member, retention_years, years_before


class Command(BaseCommand):
    help = (
        "Erase the personal data of register members with no sign-up, update or invitation for "
        "--years years (default settings.INVOLVEMENT_RETENTION_YEARS, or 3). Their rows stay, "
        "without personal data, so the register's figures stay true."
    )

    def add_arguments(self, parser):
        parser.add_argument("--years", type=int, default=None, help="Years without activity (default 3).")
        parser.add_argument(
            "--dry-run", action="store_true", help="Count the members who would be removed; change nothing."
        )

    def handle(self, *args, years=None, dry_run=False, **options):
        years = retention_years() if years is None else years
        if years < 1:
            raise CommandError("--years must be 1 or more.")
        cutoff = years_before(timezone.now(), years)
        inactive = Member.objects.inactive_since(cutoff)
        if dry_run:
            count = inactive.count()
            self.stdout.write(
                f"{count} member(s) with no activity since {cutoff:%d %B %Y} would be removed (dry run)."
            )
            return
        try:
            count = inactive.erase_personal_data(reason=f"no activity for {years} years")
        except LedgerError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Removed {count} member(s) with no activity since {cutoff:%d %B %Y}.")
