"""Remove the free text and contact details of responses once their outcome is old; run from cron."""

from django.core.management.base import BaseCommand, CommandError

from questionnaires import retention


class Command(BaseCommand):
    help = (
        "Redact responses to opportunities whose outcome was published --years years ago or more "
        "(default settings.QUESTIONNAIRE_RETENTION_YEARS, or 3): free text, email addresses and "
        "About you answers are removed, choices and dates kept so the counts stay true. Saved "
        "drafts for those opportunities are deleted."
    )

    def add_arguments(self, parser):
        parser.add_argument("--years", type=int, default=None, help="Years after the outcome (default 3).")
        parser.add_argument(
            "--dry-run", action="store_true", help="Count what would be removed; change nothing."
        )

    def handle(self, *args, years=None, dry_run=False, **options):
        years = retention.retention_years() if years is None else years
        if years < 1:
            raise CommandError("--years must be 1 or more.")
        if dry_run:
            count, drafts = retention.due(years=years).count(), retention.drafts_due(years=years).count()
            self.stdout.write(f"{count} response(s) and {drafts} draft(s) would be redacted (dry run).")
            return
        count, drafts = retention.apply(years=years)
        self.stdout.write(
            f"Redacted {count} response(s) and deleted {drafts} draft(s) whose outcome was published "
            f"{years} or more years ago."
        )
