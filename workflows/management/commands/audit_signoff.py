"""`manage.py audit_signoff`: check every live opportunity against the publishing rule.

For the annual report's evidence, or after restoring a backup: lists each live opportunity whose
live version was not approved, as it stands, by every stage its category needs. Exits non-zero if
any is found.
"""

from django.core.management.base import BaseCommand, CommandError

from workflows.publication import publication_problems


class Command(BaseCommand):
    help = "List live opportunities whose live version lacks the sign-off its category needs."

    def handle(self, *args, **options):
        from django.apps import apps

        checked, failures = 0, []
        for model in apps.get_models():
            if not hasattr(model, "approval_problems") or not hasattr(model, "live_revision"):
                continue
            for page in model.objects.filter(live=True).select_related("live_revision"):
                checked += 1
                if problems := publication_problems(page, page.live_revision):
                    failures.append((page, problems))
        for page, problems in failures:
            self.stdout.write(f"{page.url_path} (id {page.pk}): {' '.join(problems)}")
        summary = f"{checked} live opportunities checked, {len(failures)} without complete sign-off."
        if failures:
            raise CommandError(summary)
        self.stdout.write(self.style.SUCCESS(summary))
