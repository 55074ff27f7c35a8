"""Restore the database and the uploaded files from a backup folder made by `manage.py backup`."""

from django.core.management.base import BaseCommand, CommandError

from operations import backups
from operations.confirm import require_yes


class Command(BaseCommand):
    help = (
        "Replace the database, and put back the uploaded files, from a backup folder (or its "
        "manifest.json). Checks the checksums first and refuses a backup of another database "
        "engine. Stop the site while restoring."
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
        pending = backups.pending_migrations(database)
        if pending:
            self.stdout.write(
                f"The code has {len(pending)} migration(s) newer than the backup: run manage.py migrate."
            )
        self.stdout.write(self.style.SUCCESS(f"Restored {folder.name}."))
