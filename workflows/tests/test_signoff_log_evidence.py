"""The sign-off log is evidence: append-only, naming the revision each decision was about with a
fingerprint anyone can check, and exported under its own name in UK time to the minute."""

import csv
import datetime
import io
import zoneinfo

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail import hooks

from workflows.fingerprint import fingerprint
from workflows.models import EvidenceIsPermanent, SignOffDecision
from workflows.tests.helpers import decide, draft_plan, submit

LONDON = zoneinfo.ZoneInfo("Europe/London")


@pytest.fixture
def decided(client, users, signoff_index):
    page = draft_plan(signoff_index, users["editor"], category="B", title="Community beds")
    submit(client, users["editor"], page)
    decide(client, users["engagement"], page, "approve", comment="Clear and fair.")
    return page, SignOffDecision.objects.get(decision="approved")


@pytest.mark.django_db
def test_rows_cannot_be_changed_or_deleted(decided):
    _page, row = decided
    row.comment = "Rewritten afterwards."
    with pytest.raises(EvidenceIsPermanent):
        row.save()
    with pytest.raises(EvidenceIsPermanent):
        row.delete()
    assert SignOffDecision.objects.get(pk=row.pk).comment == "Clear and fair."


@pytest.mark.django_db
def test_the_admin_offers_no_way_to_edit_or_delete_rows(client, users, decided):
    """No admin view (snippet, modeladmin or report) lets anyone change the log."""
    client.force_login(users["admin"])
    _page, row = decided
    for url in (
        f"/admin/snippets/workflows/signoffdecision/edit/{row.pk}/",
        f"/admin/snippets/workflows/signoffdecision/delete/{row.pk}/",
        f"/admin/workflows/signoffdecision/edit/{row.pk}/",
        f"/admin/workflows/signoffdecision/delete/{row.pk}/",
    ):
        assert client.post(url, {"comment": "Changed."}).status_code in (302, 404), url
    assert SignOffDecision.objects.get(pk=row.pk).comment == "Clear and fair."
    registered = [fn() for fn in hooks.get_hooks("register_admin_urls")]
    names = {getattr(p, "name", "") for group in registered for p in group}
    assert not {name for name in names if "signoff" in name and ("edit" in name or "delete" in name)}


@pytest.mark.django_db
def test_each_row_names_its_revision_and_its_fingerprint(decided):
    page, row = decided
    revision = page.get_latest_revision()
    assert row.revision_id == revision.pk
    assert row.content_hash == fingerprint(revision)
    assert len(row.content_hash) == 64
    # Deleting the revision does not lose which one it was.
    revision_id = revision.pk
    revision.delete()
    assert SignOffDecision.objects.get(pk=row.pk).revision_id == revision_id


@pytest.mark.django_db
def test_the_export_is_named_after_the_report_in_uk_time_to_the_minute(client, users, decided):
    page, row = decided
    summer = datetime.datetime(2026, 7, 1, 9, 30, 45, tzinfo=datetime.UTC)
    SignOffDecision.objects.filter(pk=row.pk).update(decided_at=summer)
    client.force_login(users["lay"])
    export = client.get(reverse("signoff_log"), {"export": "csv"})
    assert 'filename="sign-off-log.csv"' in export["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(b"".join(export.streaming_content).decode())))
    approved = next(r for r in rows if r["Decision"] == "Approved")
    assert approved["Decided at (UK time)"] == "2026-07-01 10:30"  # BST, no seconds
    assert approved["Revision"] == str(page.get_latest_revision().pk)
    assert approved["Content fingerprint (SHA-256)"] == row.content_hash
    assert approved["Submitted by"] == "Editor"
    xlsx = client.get(reverse("signoff_log"), {"export": "xlsx"})
    assert 'filename="sign-off-log.xlsx"' in xlsx["Content-Disposition"]
    assert timezone.localtime(summer, LONDON).hour == 10


@pytest.mark.django_db
def test_the_csv_export_keeps_typed_formulas_as_text(client, users, signoff_index):
    page = draft_plan(
        signoff_index, users["editor"], category="A", title='=HYPERLINK("http://x.example","Click")'
    )
    submit(client, users["editor"], page)
    decide(client, users["engagement"], page, "approve", comment="+SUM(1,2)")
    client.force_login(users["lay"])
    export = client.get(reverse("signoff_log"), {"export": "csv"})
    rows = list(csv.DictReader(io.StringIO(b"".join(export.streaming_content).decode())))
    approved = next(r for r in rows if r["Decision"] == "Approved")
    assert approved["Plan"] == '\'=HYPERLINK("http://x.example","Click")'
    assert approved["Comment"] == "'+SUM(1,2)"
