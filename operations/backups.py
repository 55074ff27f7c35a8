"""Backups and restores of the database and the uploaded files, used by `manage.py backup` / `restore`.

A backup is one folder, `backup-YYYYMMDD-HHMMSS` (UTC), holding:

- `database.dump` (PostgreSQL, `pg_dump -Fc`) or `database.sqlite3` (SQLite, a consistent copy
  made with SQLite's online backup API, safe while the site is running);
- `media.tar.gz`, the uploaded images and documents (MEDIA_ROOT);
- `manifest.json`: when, which database engine, the migrations applied, row counts of the main
  tables and the SHA-256 checksum of each file.

The folder is written under a hidden name and renamed when complete, so a backup that was
interrupted never looks like one. Restoring checks the manifest and the checksums first and
refuses a backup made from another database engine or by newer code.
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from pathlib import Path

import django
import wagtail
from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.core.files.storage import FileSystemStorage
from django.db import connections
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.module_loading import import_string

FORMAT = 1
MANIFEST = "manifest.json"
PREFIX = "backup-"
MEDIA_ARCHIVE = "media.tar.gz"
DATABASE_FILES = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}
ENGINE_NAMES = {"postgresql": "PostgreSQL", "sqlite": "SQLite"}
# Tables whose row counts go in the manifest and are compared after a restore.
COUNTED = [
    "wagtailcore.Page",
    "wagtailcore.Revision",
    "wagtailcore.WorkflowState",
    "wagtailcore.TaskState",
    "wagtailcore.PageLogEntry",
    "wagtailcore.ModelLogEntry",
    "wagtaildocs.Document",
    "wagtailimages.Image",
    "auth.User",
    "involvement.Member",
    "involvement.Invitation",
    "involvement.Feedback",
    "workflows.SignOffDecision",
]


class BackupError(Exception):
    """Something an operator must put right; the message says what."""


def default_root():
    """Where backups go: settings.BACKUP_DIR (from $BACKUP_DIR), else backups/ in the project."""
    configured = settings.BACKUP_DIR
    return Path(configured) if configured else Path(settings.BASE_DIR) / "backups"


def engine_of(alias="default"):
    vendor = connections[alias].vendor
    if vendor not in DATABASE_FILES:
        raise BackupError(f"Backups support PostgreSQL and SQLite, not {vendor}.")
    return vendor


def applied_migrations(alias="default"):
    applied = {}
    for app, name in sorted(MigrationRecorder(connections[alias]).applied_migrations()):
        applied.setdefault(app, []).append(name)
    return applied


def row_counts(alias="default"):
    """Rows in the main tables (those that exist: a database may not be migrated yet)."""
    tables = set(connections[alias].introspection.table_names())
    counts = {}
    for label in COUNTED:
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        if model._meta.db_table in tables:
            counts[label] = model._default_manager.using(alias).count()
    return counts


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for chunk in iter(lambda: file.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def describe(path, **extra):
    return {"file": path.name, "bytes": path.stat().st_size, "sha256": sha256(path), **extra}


def media_root():
    """MEDIA_ROOT when uploads are kept on this machine's disk; None with object storage."""
    backend = import_string(settings.STORAGES["default"]["BACKEND"])
    if not issubclass(backend, FileSystemStorage):
        return None
    return Path(settings.MEDIA_ROOT)


# PostgreSQL ----------------------------------------------------------------------------------


def _pg_command(program, alias):
    """The program's connection arguments and environment, from settings.DATABASES."""
    executable = shutil.which(program)
    if not executable:
        raise BackupError(
            f"{program} was not found. Install the PostgreSQL client tools (postgresql-client)."
        )
    db = connections[alias].settings_dict
    args = [executable]
    if db.get("HOST"):
        args += ["--host", str(db["HOST"])]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", str(db["USER"])]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    options = db.get("OPTIONS") or {}
    for option, variable in [("sslmode", "PGSSLMODE"), ("sslrootcert", "PGSSLROOTCERT")]:
        if options.get(option):
            env[variable] = str(options[option])
    return args, env, db["NAME"]


def _run(args, env):
    result = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BackupError(f"{Path(args[0]).name} failed: {result.stderr.strip() or result.returncode}")


def dump_postgresql(target, alias="default"):
    args, env, name = _pg_command("pg_dump", alias)
    _run([*args, "--format=custom", "--file", str(target), name], env)


def restore_postgresql(source, alias="default"):
    args, env, name = _pg_command("pg_restore", alias)
    connections[alias].close()
    _run(
        [
            *args,
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            "--dbname",
            name,
            str(source),
        ],
        env,
    )


# SQLite --------------------------------------------------------------------------------------


def copy_sqlite(target, alias="default"):
    """A consistent copy of the live database, even an in-memory one, through SQLite's backup API."""
    connection = connections[alias]
    if connection.in_atomic_block:
        # SQLite's backup would wait for ever for the transaction this connection holds open.
        raise BackupError("Cannot back up inside a database transaction.")
    connection.ensure_connection()
    destination = sqlite3.connect(target)
    try:
        connection.connection.backup(destination)
        # The live database runs in WAL mode (settings.SQLITE_OPTIONS); the copy is one plain file,
        # so opening it read-only later never needs -wal and -shm files beside it.
        destination.execute("PRAGMA journal_mode=DELETE")
    finally:
        destination.close()


def restore_sqlite(source, alias="default"):
    """Replaces the whole database, schema and all, with the backup's copy."""
    connection = connections[alias]
    if connection.in_atomic_block:
        raise BackupError("Cannot restore inside a database transaction.")
    connection.ensure_connection()
    backup = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        backup.backup(connection.connection)
    finally:
        backup.close()
    # Forget anything cached about the old schema.
    connection.close()


# Media ---------------------------------------------------------------------------------------


def archive_media(target, root):
    count = 0
    with tarfile.open(target, "w:gz") as archive:
        if root.is_dir():
            for path in sorted(root.rglob("*")):
                if path.is_file() and not path.is_symlink():
                    archive.add(path, arcname=path.relative_to(root).as_posix(), recursive=False)
                    count += 1
    return count


def extract_media(source, root):
    """Puts the backup's files back in MEDIA_ROOT; files added since the backup are left alone."""
    root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(source, "r:gz") as archive:
        # The "data" filter refuses absolute paths, links out of the folder and device files.
        archive.extractall(root, filter="data")
        return sum(1 for member in archive.getmembers() if member.isfile())


# Backup and restore --------------------------------------------------------------------------


def create_backup(root=None, alias="default", include_media=True):
    """Writes a complete backup folder under `root` and returns its path."""
    engine = engine_of(alias)
    root = Path(root) if root else default_root()
    root.mkdir(parents=True, exist_ok=True)
    created = timezone.now()
    name = f"{PREFIX}{created:%Y%m%d-%H%M%S}"
    final = root / name
    suffix = 1
    while final.exists():
        suffix += 1
        final = root / f"{name}-{suffix}"
    partial = root / f".{final.name}.partial"
    shutil.rmtree(partial, ignore_errors=True)
    # It holds personal data: readable by its owner only.
    partial.mkdir(mode=0o700)
    try:
        counts = row_counts(alias)
        migrations = applied_migrations(alias)
        database = partial / DATABASE_FILES[engine]
        if engine == "postgresql":
            dump_postgresql(database, alias)
        else:
            copy_sqlite(database, alias)
        manifest = {
            "format": FORMAT,
            "created_at": created.isoformat(),
            "engine": engine,
            "database": describe(database),
            "media": None,
            "migrations": migrations,
            "counts": counts,
            "versions": {"django": django.get_version(), "wagtail": wagtail.__version__},
        }
        media = media_root() if include_media else None
        if media is not None:
            archive = partial / MEDIA_ARCHIVE
            files = archive_media(archive, media)
            manifest["media"] = describe(archive, files=files)
        (partial / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n")
        for path in partial.iterdir():
            path.chmod(0o600)
        partial.rename(final)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return final


def complete_backups(root):
    """Complete backup folders under `root`, oldest first."""
    root = Path(root)
    if not root.is_dir():
        return []
    return sorted(
        p for p in root.iterdir() if p.is_dir() and p.name.startswith(PREFIX) and (p / MANIFEST).is_file()
    )


def prune(root, keep):
    """Deletes all but the `keep` newest complete backups; returns the folders removed."""
    if keep < 1:
        raise BackupError("Keep at least one backup.")
    old = complete_backups(root)[:-keep]
    for path in old:
        shutil.rmtree(path)
    return old


def read_manifest(path):
    """(folder, manifest) for a backup folder or its manifest.json; checks the files' checksums."""
    path = Path(path)
    folder = path.parent if path.name == MANIFEST else path
    manifest_path = folder / MANIFEST
    if not manifest_path.is_file():
        raise BackupError(f"{folder} is not a backup: it has no {MANIFEST}.")
    try:
        manifest = json.loads(manifest_path.read_text())
    except ValueError as error:
        raise BackupError(f"{manifest_path} is not valid JSON: {error}.") from error
    if manifest.get("format") != FORMAT or manifest.get("engine") not in DATABASE_FILES:
        raise BackupError(f"{manifest_path} is not a manifest this version can read.")
    for part in [manifest["database"], manifest.get("media")]:
        if not part:
            continue
        file = folder / part["file"]
        if not file.is_file():
            raise BackupError(f"The backup is incomplete: {file.name} is missing.")
        if sha256(file) != part["sha256"]:
            raise BackupError(f"The backup is damaged: {file.name} does not match its checksum.")
    return folder, manifest


def check_compatible(manifest, alias="default"):
    """Refuses a backup from another database engine, or with migrations this code does not have."""
    engine = engine_of(alias)
    if manifest["engine"] != engine:
        raise BackupError(
            f"This backup is of a {ENGINE_NAMES[manifest['engine']]} database, but the database "
            f"configured here is {ENGINE_NAMES[engine]}. Restore it into a "
            f"{ENGINE_NAMES[manifest['engine']]} database (set DATABASE_URL)."
        )
    known = MigrationLoader(None, ignore_no_migrations=True).disk_migrations
    unknown = [
        f"{app}.{name}"
        for app, names in manifest["migrations"].items()
        for name in names
        if (app, name) not in known
    ]
    if unknown:
        raise BackupError(
            "This backup was made by a newer version of the site (migrations unknown here: "
            f"{', '.join(unknown[:5])}{'…' if len(unknown) > 5 else ''}). Deploy that version first."
        )


def restore_backup(path, alias="default", include_media=True):
    """Replaces the database (and the media files) with the backup's; returns its manifest."""
    folder, manifest = read_manifest(path)
    check_compatible(manifest, alias)
    database = folder / manifest["database"]["file"]
    if manifest["engine"] == "postgresql":
        restore_postgresql(database, alias)
    else:
        restore_sqlite(database, alias)
    media = media_root() if include_media else None
    if media is not None and manifest.get("media"):
        extract_media(folder / manifest["media"]["file"], media)
    return manifest


def empty_caches():
    """Empty every cache the site shares between processes (the page cache, Redis), which holds pages
    and lookups made from the database as it was before the restore. Caches private to each process
    end with the processes, which are stopped during a restore."""
    for alias in settings.CACHES:
        caches[alias].clear()


def pending_migrations(alias="default"):
    """Migrations in the code that the restored database has not had: run `migrate` for them."""
    applied = set(MigrationRecorder(connections[alias]).applied_migrations())
    return sorted(set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations) - applied)
