"""`manage.py generate_volume_data --yes`: thousands of fictional pages, for benchmarks and load tests."""

import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from benchmarks import responses, volume
from pages.models import OpportunityIndexPage


class Command(BaseCommand):
    """Add realistic volume on top of the demo site in a throwaway database.

    Loads the demo content first if /get-involved/ is missing, then adds (by default) 2,000
    opportunities of every type and public status, 2,000 "You said, We did" items (those that
    answer a closed opportunity mark it "outcome published"), a strategy with 100 actions, more
    topics and audiences, small JPEG images used in page bodies, and 10,000 questionnaire
    responses to the demo urgent care consultation; then rebuilds the search
    index and, on PostgreSQL, the planner's statistics (ANALYZE). Pages are live without
    revisions. It refuses to run twice on the same database.
    """

    help = "Add thousands of fictional live pages for benchmarks (a throwaway database only)."

    def add_arguments(self, parser):
        parser.add_argument("--opportunities", type=int, default=volume.Counts.opportunities)
        parser.add_argument("--outcomes", type=int, default=volume.Counts.outcomes)
        parser.add_argument("--actions", type=int, default=volume.Counts.actions, help="Strategy actions.")
        parser.add_argument("--images", type=int, default=volume.Counts.images)
        parser.add_argument(
            "--yes",
            action="store_true",
            help="Confirm this database is a throwaway one: the pages are published at once.",
        )

    def handle(self, *args, yes=False, **options):
        if not yes:
            raise CommandError(
                "This publishes thousands of fictional pages. Run it only on a throwaway database, "
                "with --yes to confirm."
            )
        if volume.already_loaded():
            raise CommandError(
                f"The volume data is already loaded in this database (/{volume.STRATEGY_SLUG}/ "
                "exists). It is added once only: start from a fresh database to build it again."
            )
        started = time.monotonic()
        if not OpportunityIndexPage.objects.exists():
            call_command("load_demo_content", stdout=self.stdout)
        counts = volume.Counts(
            opportunities=options["opportunities"],
            outcomes=options["outcomes"],
            actions=options["actions"],
            images=options["images"],
        )
        self.stdout.write("Adding the volume data…")
        with transaction.atomic():
            added = volume.build(counts, self.stdout)
            # 10,000 questionnaire responses to the demo consultation (benchmarks/responses.py).
            added["questionnaire responses"] = responses.add_responses()
        self.stdout.write("Rebuilding the search index…")
        call_command("update_index", verbosity=0)
        if connection.vendor == "postgresql":
            # Thousands of rows inserted at once leave PostgreSQL's planner without statistics
            # until autovacuum next analyses them (never, where it is off): a benchmark started at
            # once would measure query plans that no running site uses.
            self.stdout.write("Updating the database's statistics…")
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        summary = ", ".join(f"{count} {what}" for what, count in added.items())
        self.stdout.write(self.style.SUCCESS(f"Added {summary} in {time.monotonic() - started:.0f} s."))
