"""Erase what is held about one email address: register entries and feedback sent with it."""

from django.core.management.base import BaseCommand, CommandError

from core.confirm import require_yes
from involvement import personal_data, search_terms
from involvement.erasure_ledger import LedgerError


class Command(BaseCommand):
    help = (
        "Erase the personal data held about an email address (matched ignoring case): register "
        "members are erased as the admin's 'Erase personal data' does, and feedback sent with the "
        "address loses its contact details, its text and its staff notes; searches holding the address "
        "are deleted. Rows stay, without personal data, so counts stay true. The audit log records "
        "'Member 12', never the address."
    )

    def add_arguments(self, parser):
        parser.add_argument("email", help="The person's email address.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Say what would be erased; change nothing."
        )
        parser.add_argument("--yes", action="store_true", help="Do not ask for confirmation.")

    def handle(self, *args, email, dry_run=False, yes=False, **options):
        if not personal_data.normalise_email(email):
            raise CommandError("Give the person's email address.")
        members = [str(m) for m in personal_data.members_for(email).active().order_by("pk")]
        feedback = [str(f) for f in personal_data.feedback_for(email).order_by("pk")]
        accounts = personal_data.users_for(email).count()
        searches = search_terms.searches_for(email).count()
        others = [holder.KEY for holder in personal_data.other_holders() if holder.holds(email)]
        self.stdout.write(
            f"Register members: {', '.join(members) or 'none'}. Feedback: {', '.join(feedback) or 'none'}. "
            f"Searches holding the address: {searches}."
            + (f" Also held: {', '.join(others)}." if others else "")
        )
        if accounts:
            self.stdout.write(
                f"{accounts} staff account(s) use this address; they are not changed here (Settings > Users)."
            )
        if not members and not feedback and not searches and not others:
            self.stdout.write("Nothing to erase.")
            return
        if dry_run:
            self.stdout.write("Dry run: nothing was erased.")
            return
        if not yes:
            require_yes("This cannot be undone. Type 'yes' to erase: ", "Nothing was erased", "erase")
        try:
            erased = personal_data.erase(email)
        except LedgerError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Erased {len(erased['register_members'])} register member(s) and "
                f"{len(erased['feedback'])} feedback item(s). Deleted {erased['searches']} search(es) "
                "holding the address."
            )
        )
