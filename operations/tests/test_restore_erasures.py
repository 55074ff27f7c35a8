"""After a restore: nobody erased since the backup comes back, and no page cached before it is served.

The backup holds the register as it was; the erasure ledger (kept outside the backups, at
ERASURE_LEDGER) says who was erased after it, and `restore` erases them again and says so. The
page cache, shared by every worker (a folder or Redis), is emptied.
"""

import io
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from wagtail.contrib.search_promotions.models import Query

from involvement.models import Member
from involvement.personal_data import ERASED_TEXT
from involvement.tests.factories import FeedbackFactory, MemberFactory
from pages.tests.factories import StandardPageFactory

ROOT = Path(__file__).resolve().parents[2]
ERASED_LATER = "rosalind@example.org"
ERASED_EARLIER = "early@example.org"


def file_caches(folder):
    return {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "pages": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": str(folder)},
    }


def restore_into(folder, tmp_path, target, **settings):
    """`manage.py restore` in a new process, into a fresh SQLite file, with `settings` added."""
    lines = [
        "from settings.test import *  # noqa",
        f"DATABASES = {{'default': {{'ENGINE': 'django.db.backends.sqlite3', 'NAME': {str(target)!r}}}}}",
        f"MEDIA_ROOT = {str(tmp_path / 'restored-media')!r}",
        *(f"{name} = {value!r}" for name, value in settings.items()),
    ]
    (tmp_path / "restore_erasure_settings.py").write_text("\n".join(lines) + "\n")
    environment = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    environment.update(DJANGO_SETTINGS_MODULE="restore_erasure_settings", PYTHONPATH=str(tmp_path))
    return subprocess.run(
        [sys.executable, "manage.py", "restore", str(folder), "--yes"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_restore_erases_again_who_was_erased_after_the_backup_and_empties_the_page_cache(
    client, home, settings, tmp_path
):
    if connection.vendor != "sqlite":
        pytest.skip(
            "restores into a fresh SQLite file; the ledger and the caches do not depend on the engine"
        )
    ledger = tmp_path / "erasure-ledger.jsonl"
    settings.ERASURE_LEDGER = str(ledger)
    settings.MEDIA_ROOT = tmp_path / "media"
    page_cache = tmp_path / "page-cache"
    settings.CACHES = file_caches(page_cache)

    early = MemberFactory(name="Early Leaver", email=ERASED_EARLIER)
    early.erase(reason="request")
    later = MemberFactory(name="Rosalind Backupton", email=ERASED_LATER)
    stays = MemberFactory(name="Stays Onthe Register", email="stays@example.org")
    feedback = FeedbackFactory(
        email=ERASED_LATER, name="Rosalind", consent_to_contact=True, experience="Kind staff."
    )
    Query.get(f"unsubscribe {ERASED_LATER}").add_hit()
    StandardPageFactory(parent=home, title="About us", slug="about-us")
    assert client.get("/about-us/")["X-Page-Cache"] == "miss"
    assert any(page_cache.glob("*.djcache"))

    out = io.StringIO()
    call_command("backup", "--dir", str(tmp_path / "backups"), stdout=out, stderr=io.StringIO())
    folder = Path(out.getvalue().strip().splitlines()[-1])
    # After the backup, Rosalind asks to be erased.
    call_command("erase_personal_data", ERASED_LATER, "--yes", stdout=io.StringIO())
    assert Member.objects.get(pk=later.pk).is_erased

    target = tmp_path / "restored.sqlite3"
    result = restore_into(
        folder, tmp_path, target, ERASURE_LEDGER=str(ledger), CACHES=file_caches(page_cache)
    )
    assert result.returncode == 0, result.stderr
    assert (
        "Erased again, as the erasure ledger records since the backup was taken: 1 register member(s), "
        "1 feedback item(s) and 1 search(es)." in result.stdout
    )
    assert "Emptied the page cache" in result.stdout
    assert not any(page_cache.glob("*.djcache"))

    restored = sqlite3.connect(target)
    try:
        members = dict(restored.execute("SELECT id, email FROM involvement_member"))
        [(experience, email)] = restored.execute(
            "SELECT experience, email FROM involvement_feedback WHERE id = ?", [feedback.pk]
        )
        searches = [
            row[0] for row in restored.execute("SELECT query_string FROM wagtailsearchpromotions_query")
        ]
    finally:
        restored.close()
    assert members == {early.pk: "", later.pk: "", stays.pk: "stays@example.org"}
    assert (experience, email) == (ERASED_TEXT, "")
    assert searches == []


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_restore_with_nobody_erased_since_says_so(home, settings, tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("restores into a fresh SQLite file")
    settings.ERASURE_LEDGER = str(tmp_path / "erasure-ledger.jsonl")
    settings.MEDIA_ROOT = tmp_path / "media"
    MemberFactory(email="stays@example.org")
    out = io.StringIO()
    call_command("backup", "--dir", str(tmp_path / "backups"), stdout=out, stderr=io.StringIO())
    folder = Path(out.getvalue().strip().splitlines()[-1])
    result = restore_into(
        folder, tmp_path, tmp_path / "restored.sqlite3", ERASURE_LEDGER=settings.ERASURE_LEDGER
    )
    assert result.returncode == 0, result.stderr
    assert "Nobody was erased after the backup was taken: nothing to erase again." in result.stdout
