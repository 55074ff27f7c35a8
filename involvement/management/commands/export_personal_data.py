"""Answer a subject access request: everything held about one email address, as JSON."""

import json
import os

from django.core.management.base import BaseCommand, CommandError

from involvement import personal_data


class Command(BaseCommand):
    help = (
        "Write everything held about an email address (register entries with their consent record, "
        "topics and invitations; feedback sent with that address; staff accounts; searches holding it) "
        "as JSON, to the "
        "screen or to --output. The address is matched ignoring case. Each record exported is "
        "noted in the audit log."
    )

    def add_arguments(self, parser):
        parser.add_argument("email", help="The person's email address.")
        parser.add_argument(
            "--output", "-o", help="Write to this file (readable only by its owner) instead of the screen."
        )

    def handle(self, *args, email, output=None, **options):
        if not personal_data.normalise_email(email):
            raise CommandError("Give the person's email address.")
        data = personal_data.export(email)
        text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
        if not output:
            self.stdout.write(text, ending="")
            return
        try:
            descriptor = os.open(output, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        except OSError as error:
            raise CommandError(f"Could not write {output}: {error.strerror}.") from error
        with os.fdopen(descriptor, "w", encoding="utf-8") as file:
            file.write(text)
        found = sum(len(data[part]) for part in ("register_members", "feedback", "user_accounts", "searches"))
        self.stderr.write(f"Wrote {found} record(s) to {output}.")
