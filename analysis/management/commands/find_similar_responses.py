"""Look for near-identical free-text answers in one opportunity's responses, or in every one's."""

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count

from analysis import similar
from pages.models import OpportunityPage


class Command(BaseCommand):
    help = "Find clusters of near-identical free-text answers (possible campaigns and duplicates)."

    def add_arguments(self, parser):
        parser.add_argument(
            "page_id", nargs="?", type=int, help="The opportunity's page id; all if left out."
        )

    def handle(self, *args, page_id=None, **options):
        pages = OpportunityPage.objects.annotate(n=Count("responses")).filter(n__gt=0)
        if page_id is not None:
            pages = pages.filter(pk=page_id)
            if not pages.exists():
                raise CommandError(f"No opportunity with responses has the id {page_id}.")
        for page in pages:
            found = similar.find_clusters(page)
            self.stdout.write(f"{page.title}: {found} cluster{'s' if found != 1 else ''} of similar answers")
