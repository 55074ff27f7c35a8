"""Back up the database and the uploaded files into one timestamped folder; run nightly from cron."""

from django.core.management.base import BaseCommand, CommandError

from operations import backups


class Command(BaseCommand):
    help = (
        "Write a backup folder (backup-YYYYMMDD-HHMMSS) holding the database (pg_dump custom format "
        "on PostgreSQL, a consistent copy on SQLite), the uploaded files (media.tar.gz) and a manifest "
        "with checksums. Prints the folder's path."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dir",
            dest="root",
            help="Where to put backups (default settings.BACKUP_DIR, $BACKUP_DIR or backups/).",
        )
        parser.add_argument("--keep", type=int, help="Then delete all but the N newest backups there.")
        parser.add_argument("--no-media", action="store_true", help="Leave out the uploaded files.")
        parser.add_argument("--database", default="default", help="Database alias (default 'default').")

    def handle(self, *args, root=None, keep=None, no_media=False, database="default", **options):
        root = root or backups.default_root()
        try:
            if keep is not None and keep < 1:
                raise backups.BackupError("--keep must be 1 or more.")
            folder = backups.create_backup(root, alias=database, include_media=not no_media)
            removed = backups.prune(root, keep) if keep else []
        except backups.BackupError as error:
            raise CommandError(str(error)) from error
        for path in removed:
            self.stderr.write(f"Removed old backup {path.name}.")
        self.stdout.write(str(folder))
