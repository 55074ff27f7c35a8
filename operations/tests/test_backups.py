"""A backup restored into a fresh database gives back the content, its history and the register."""

import io
import json
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import connection
from wagtail.documents.models import Document
from wagtail.models import Page, Revision, TaskState, WorkflowState

from involvement.models import Invitation, Member
from involvement.tests.factories import FeedbackFactory, MemberFactory
from operations import backups
from pages.tests.factories import StandardPageFactory, TopicFactory
from workflows.models import SignOffDecision
from workflows.tests.helpers import decide, draft_plan, submit

ROOT = Path(__file__).resolve().parents[2]
DOCUMENT_BYTES = b"Equality impact assessment, final version.\n"


@pytest.fixture
def site_content(client, users, signoff_index, home, settings, tmp_path):
    """Pages with revisions, a finished sign-off, a register member, feedback and an uploaded file."""
    settings.MEDIA_ROOT = tmp_path / "media"
    plan = draft_plan(signoff_index, users["editor"], category="A", title="Dental access consultation")
    assert submit(client, users["editor"], plan).status_code == 302
    assert decide(client, users["engagement"], plan, "approve").status_code == 200
    plan.refresh_from_db()
    assert plan.live

    about = StandardPageFactory(parent=home, title="About us", slug="about-us")
    about.save_revision(user=users["editor"])
    about.title = "About the organisation"
    about.save_revision(user=users["editor"]).publish()

    member = MemberFactory(name="Rosalind Backupton", email="rosalind@example.org", topics=[TopicFactory()])
    Invitation.record(member, plan.specific, user=users["engagement"])
    FeedbackFactory(experience="Kind staff at the walk-in centre.")
    Document.objects.create(title="EIA", file=ContentFile(DOCUMENT_BYTES, name="eia.txt"))
    return plan


def backup(*args):
    out = io.StringIO()
    call_command("backup", *args, stdout=out, stderr=io.StringIO())
    return Path(out.getvalue().strip().splitlines()[-1])


def restore_elsewhere(folder, tmp_path, database):
    """Runs `manage.py restore` in a new process whose settings point at another database and media."""
    (tmp_path / "restore_settings.py").write_text(
        "from settings.test import *  # noqa\n"
        f"DATABASES = {{'default': {database!r}}}\n"
        f"MEDIA_ROOT = {str(tmp_path / 'restored-media')!r}\n"
    )
    environment = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    environment.update(DJANGO_SETTINGS_MODULE="restore_settings", PYTHONPATH=str(tmp_path))
    return subprocess.run(
        [sys.executable, "manage.py", "restore", str(folder), "--yes"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )


def rows(query_result):
    return sorted(tuple(row) for row in query_result)


def expected_rows():
    return {
        "pages": rows(Page.objects.values_list("id", "title", "live")),
        "revisions": rows(Revision.objects.values_list("id", "object_id", "approved_go_live_at")),
        "workflow_states": rows(WorkflowState.objects.values_list("id", "object_id", "status")),
        "task_states": rows(TaskState.objects.values_list("id", "workflow_state_id", "status")),
        "decisions": rows(SignOffDecision.objects.values_list("id", "stage_name", "decision")),
        "members": rows(Member.objects.values_list("id", "name", "email")),
        "invitations": rows(Invitation.objects.values_list("id", "member_id", "opportunity_id")),
    }


RESTORED_QUERIES = {
    "pages": "SELECT id, title, live FROM wagtailcore_page",
    "revisions": "SELECT id, object_id, approved_go_live_at FROM wagtailcore_revision",
    "workflow_states": "SELECT id, object_id, status FROM wagtailcore_workflowstate",
    "task_states": "SELECT id, workflow_state_id, status FROM wagtailcore_taskstate",
    "decisions": "SELECT id, stage_name, decision FROM workflows_signoffdecision",
    "members": "SELECT id, name, email FROM involvement_member",
    "invitations": "SELECT id, member_id, opportunity_id FROM involvement_invitation",
}


# Committed, as on a live site (SQLite cannot copy a database from inside the test's transaction);
# the serialized rollback puts back what the migrations made for the tests that follow.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_backup_restored_into_a_fresh_sqlite_database_gives_everything_back(site_content, tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("the SQLite backup and restore; PostgreSQL has its own test")
    expected = expected_rows()
    assert (
        len(expected["revisions"]) >= 3 and expected["workflow_states"] and len(expected["task_states"]) >= 1
    )
    assert {status for _id, _state, status in expected["task_states"]} >= {"approved"}

    folder = backup("--dir", str(tmp_path / "backups"))
    assert folder.parent == tmp_path / "backups" and folder.name.startswith("backup-")
    assert sorted(p.name for p in folder.iterdir()) == ["database.sqlite3", "manifest.json", "media.tar.gz"]
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700  # it holds personal data
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["engine"] == "sqlite"
    assert manifest["media"]["files"] == 1
    assert manifest["counts"]["involvement.Member"] == 1
    assert "0001_initial" in manifest["migrations"]["involvement"]
    assert manifest["database"]["sha256"] == backups.sha256(folder / "database.sqlite3")

    target = tmp_path / "restored.sqlite3"
    result = restore_elsewhere(
        folder, tmp_path, {"ENGINE": "django.db.backends.sqlite3", "NAME": str(target)}
    )
    assert result.returncode == 0, result.stderr
    assert f"Restored {folder.name}." in result.stdout
    assert "in the backup" not in result.stderr  # the restored counts match the manifest

    restored = sqlite3.connect(target)
    try:
        for name, query in RESTORED_QUERIES.items():
            got = rows(restored.execute(query))
            if name == "pages":
                got = [(pk, title, bool(live)) for pk, title, live in got]
            if name == "revisions":
                got = [(pk, object_id, when) for pk, object_id, when in got]
                expected[name] = [
                    (pk, object_id, when and when.isoformat(" ")) for pk, object_id, when in expected[name]
                ]
            assert got == expected[name], name
    finally:
        restored.close()
    [document] = Document.objects.all()
    assert (tmp_path / "restored-media" / document.file.name).read_bytes() == DOCUMENT_BYTES


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_restore_refuses_another_engine_or_a_damaged_backup(site_content, tmp_path):
    folder = backup("--dir", str(tmp_path / "backups"))
    manifest_path = folder / "manifest.json"
    manifest = json.loads(manifest_path.read_text())

    here, other = ("SQLite", "postgresql") if connection.vendor == "sqlite" else ("PostgreSQL", "sqlite")
    manifest_path.write_text(json.dumps({**manifest, "engine": other}))
    message = f"{backups.ENGINE_NAMES[other]} database, but the database configured here is {here}"
    with pytest.raises(CommandError, match=message):
        call_command("restore", str(folder), "--yes", stdout=io.StringIO())

    newer = {**manifest["migrations"], "involvement": [*manifest["migrations"]["involvement"], "9999_future"]}
    manifest_path.write_text(json.dumps({**manifest, "migrations": newer}))
    with pytest.raises(CommandError, match="newer version of the site .*involvement.9999_future"):
        call_command("restore", str(folder), "--yes", stdout=io.StringIO())

    manifest_path.write_text(json.dumps(manifest))
    with open(folder / "media.tar.gz", "ab") as media:
        media.write(b"tampered")
    with pytest.raises(CommandError, match="media.tar.gz does not match its checksum"):
        call_command("restore", str(folder), "--yes", stdout=io.StringIO())

    with pytest.raises(CommandError, match="no manifest.json"):
        call_command("restore", str(tmp_path), "--yes", stdout=io.StringIO())
    assert Member.objects.filter(name="Rosalind Backupton").exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_backup_keeps_only_the_newest_when_asked(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    root = tmp_path / "backups"
    made = [backup("--dir", str(root), "--keep", "2") for _ in range(3)]
    # An interrupted backup never counts as one.
    (root / ".backup-19990101-000000.partial").mkdir()
    assert [p.name for p in backups.complete_backups(root)] == [made[1].name, made[2].name]


@pytest.mark.django_db
def test_a_backup_from_inside_a_transaction_is_refused_rather_than_left_waiting(tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("only SQLite's copy waits on the connection's own transaction")
    with pytest.raises(CommandError, match="inside a database transaction"):
        backup("--dir", str(tmp_path))
    assert backups.complete_backups(tmp_path) == [] and list(tmp_path.iterdir()) == []


def postgres_available():
    return connection.vendor == "postgresql" and shutil.which("pg_dump") and shutil.which("pg_restore")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_backup_restored_into_a_fresh_postgresql_database(tmp_path, settings):
    if not postgres_available():
        pytest.skip("needs a PostgreSQL test database and pg_dump/pg_restore")
    settings.MEDIA_ROOT = tmp_path / "media"
    home = Page.objects.get(depth=2)
    page = StandardPageFactory(parent=home, title="Backed up page", slug="backed-up")
    page.save_revision().publish()
    MemberFactory(name="Postgres Person", topics=[TopicFactory()])
    expected = {
        "wagtailcore_page": Page.objects.count(),
        "wagtailcore_revision": Revision.objects.count(),
        "involvement_member": Member.objects.count(),
    }
    folder = backup("--dir", str(tmp_path / "backups"))
    assert json.loads((folder / "manifest.json").read_text())["engine"] == "postgresql"
    assert (folder / "database.dump").read_bytes()[:5] == b"PGDMP"

    import psycopg2

    fresh = f"restore_test_{uuid.uuid4().hex[:12]}"
    params = connection.settings_dict
    admin = {
        k: v
        for k, v in {
            "host": params["HOST"],
            "port": params["PORT"],
            "user": params["USER"],
            "password": params["PASSWORD"],
        }.items()
        if v
    }
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{fresh}"')
    try:
        database = {**{k: params[k] for k in ("ENGINE", "USER", "PASSWORD", "HOST", "PORT")}, "NAME": fresh}
        result = restore_elsewhere(folder, tmp_path, database)
        assert result.returncode == 0, result.stderr
        restored = psycopg2.connect(dbname=fresh, **admin)
        try:
            with restored.cursor() as cursor:
                for table, count in expected.items():
                    cursor.execute(f"SELECT count(*) FROM {table}")
                    assert cursor.fetchone()[0] == count, table
                cursor.execute("SELECT title FROM wagtailcore_page WHERE slug = 'backed-up'")
                assert cursor.fetchone() == ("Backed up page",)
                cursor.execute("SELECT name FROM involvement_member")
                assert cursor.fetchall() == [("Postgres Person",)]
        finally:
            restored.close()
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{fresh}" WITH (FORCE)')
