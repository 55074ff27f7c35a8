"""Restore the database and the uploaded files from a backup folder made by `manage.py backup`."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from core.confirm import require_yes
from involvement import personal_data
from involvement.erasure_ledger import LedgerError
from operations import backups

# What reapply_erasures returns for the register itself; other keys are the other apps' holders.
REGISTER_KEYS = {"register_members", "feedback", "searches"}


class Command(BaseCommand):
    help = (
        "Replace the database, and put back the uploaded files, from a backup folder (or its "
        "manifest.json). Checks the checksums first and refuses a backup of another database "
        "engine. Then erases again whoever was erased after the backup was taken (the erasure "
        "ledger, ERASURE_LEDGER) and empties the caches. Stop the site while restoring."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The backup folder, e.g. backups/backup-20250101-020000.")
        parser.add_argument("--yes", action="store_true", help="Do not ask for confirmation.")
        parser.add_argument("--no-media", action="store_true", help="Restore the database only.")
        parser.add_argument("--database", default="default", help="Database alias (default 'default').")

    def handle(self, *args, path, yes=False, no_media=False, database="default", **options):
        try:
            folder, manifest = backups.read_manifest(path)
            backups.check_compatible(manifest, database)
        except backups.BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Backup of {manifest['created_at']} ({backups.ENGINE_NAMES[manifest['engine']]}), "
            f"{manifest['counts'].get('wagtailcore.Page', '?')} pages: checksums verified."
        )
        if not yes:
            require_yes(
                "This replaces everything in the database. Type 'yes' to restore: ",
                "Nothing was restored",
                "restore",
            )
        try:
            backups.restore_backup(folder, alias=database, include_media=not no_media)
        except backups.BackupError as error:
            raise CommandError(str(error)) from error

        restored = backups.row_counts(database)
        differences = [
            f"{label}: {count} in the backup, {restored.get(label)} now"
            for label, count in manifest["counts"].items()
            if restored.get(label) != count
        ]
        for line in differences:
            self.stderr.write(self.style.WARNING(line))
        self.reapply_erasures(manifest)
        backups.empty_caches()
        self.stdout.write("Emptied the page cache: no page from before the restore will be served.")
        pending = backups.pending_migrations(database)
        if pending:
            self.stdout.write(
                f"The code has {len(pending)} migration(s) newer than the backup: run manage.py migrate."
            )
        self.stdout.write(self.style.SUCCESS(f"Restored {folder.name}."))

    def reapply_erasures(self, manifest):
        taken = datetime.datetime.fromisoformat(manifest["created_at"])
        try:
            again = personal_data.reapply_erasures(since=taken)
        except LedgerError as error:
            self.stderr.write(
                self.style.ERROR(f"{error} Erase again by hand anyone erased since {taken:%d %B %Y}.")
            )
            return
        members, feedback, searches = again["register_members"], again["feedback"], again["searches"]
        others = {key: value for key, value in again.items() if key not in REGISTER_KEYS}
        for key, erased in others.items():
            if any(erased.values()):
                counts = ", ".join(
                    f"{len(value) if isinstance(value, list) else value} {name}"
                    for name, value in erased.items()
                )
                self.stdout.write(self.style.WARNING(f"Erased again ({key.replace('_', ' ')}): {counts}."))
        if members or feedback or searches:
            self.stdout.write(
                self.style.WARNING(
                    f"Erased again, as the erasure ledger records since the backup was taken: "
                    f"{len(members)} register member(s), {len(feedback)} feedback item(s) and "
                    f"{searches} search(es)."
                )
            )
        else:
            self.stdout.write("Nobody was erased after the backup was taken: nothing to erase again.")
