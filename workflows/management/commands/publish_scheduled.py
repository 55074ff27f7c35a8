"""Wagtail's `publish_scheduled`, with the publishing rule: a scheduled revision that the sign-off
does not cover is refused (and recorded in its page's history) instead of stopping the run.

Run every ten minutes from cron, as Wagtail's own is. This command replaces Wagtail's because the
workflows app comes before Wagtail in INSTALLED_APPS.
"""

from django.utils import timezone
from wagtail.management.commands.publish_scheduled import Command as WagtailCommand
from wagtail.models import Revision

from workflows.exceptions import PublicationRefused


class Command(WagtailCommand):
    help = "Publish what is scheduled and unpublish what has expired, refusing anything not signed off."

    def handle(self, *args, **options):
        if options.get("dryrun"):
            return super().handle(*args, **options)
        due = list(
            Revision.objects.filter(approved_go_live_at__lt=timezone.now()).order_by("approved_go_live_at")
        )
        refused = []
        for revision in due:
            try:
                # The rule is checked before anything changes (OpportunityPage.publish).
                revision.publish(log_action="wagtail.publish.scheduled")
            except PublicationRefused as refusal:
                # Leave it unscheduled so it is not tried every ten minutes; the history says why.
                Revision.objects.filter(pk=revision.pk).update(approved_go_live_at=None)
                refused.append(refusal)
                self.stderr.write(str(refusal))
        # Wagtail's own run then unpublishes what has expired; nothing is left for it to publish.
        super().handle(*args, **options)
        if refused:
            self.stderr.write(f"{len(refused)} scheduled revision(s) refused: not signed off as they stand.")
