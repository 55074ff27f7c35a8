"""Searches people typed are personal data too, and erasures are written down outside the database.

- A subject access export lists the searches holding the address; erasure deletes them; every search
  is kept SEARCH_TERMS_RETENTION_DAYS (90) days by the daily job the README lists.
- Each erasure appends the time and a keyed hash of the person to the erasure ledger, never the
  address itself, so `restore` can erase them again (operations/tests/test_restore_erasures.py).
"""

import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits, SearchPromotion

from involvement import erasure_ledger
from involvement.models import Member, identity
from involvement.tests.factories import FeedbackFactory, MemberFactory

EMAIL = "Ottoline.Q@Example.org"


@pytest.fixture
def ledger(settings, tmp_path):
    settings.ERASURE_LEDGER = str(tmp_path / "ledger" / "erasure-ledger.jsonl")
    return tmp_path / "ledger" / "erasure-ledger.jsonl"


def searched(text, days_ago=0):
    query = Query.get(text)
    query.add_hit(date=timezone.localdate() - datetime.timedelta(days=days_ago))
    return query


def export(email):
    out = io.StringIO()
    call_command("export_personal_data", email, stdout=out)
    return json.loads(out.getvalue())


@pytest.mark.django_db
def test_the_subject_access_export_lists_searches_holding_the_address():
    searched(f"unsubscribe {EMAIL}")
    searched(f"unsubscribe {EMAIL}", days_ago=2)
    searched("urgent care")
    searched("someone.else@example.org")
    data = export(EMAIL.upper())
    assert data["searches"] == [
        {
            "search": "unsubscribe ottoline.q@example.org",
            "times": 2,
            "days": [
                {"date": (timezone.localdate() - datetime.timedelta(days=2)).isoformat(), "times": 1},
                {"date": timezone.localdate().isoformat(), "times": 1},
            ],
        }
    ]


@pytest.mark.django_db
def test_erasure_deletes_the_searches_but_keeps_an_editors_promotions(ledger, home):
    searched(f"unsubscribe {EMAIL}")
    promoted = searched(f"{EMAIL} contact")
    SearchPromotion.objects.create(query=promoted, page=home, description="Contact us")
    kept = searched("urgent care")
    out = io.StringIO()
    call_command("erase_personal_data", EMAIL, "--yes", stdout=out)
    assert "Deleted 2 search(es) holding the address." in out.getvalue()
    assert list(Query.objects.order_by("query_string")) == [promoted, kept]
    assert not QueryDailyHits.objects.filter(query=promoted).exists()
    assert SearchPromotion.objects.filter(query=promoted).exists()


@pytest.mark.django_db
def test_searches_are_kept_ninety_days_by_the_daily_job(readme_cron):
    old = searched("ninety one days ago", days_ago=91)
    recent = searched("eighty nine days ago", days_ago=89)
    readme_cron("searchpromotions_garbage_collect")
    assert list(Query.objects.all()) == [recent]
    assert not Query.objects.filter(pk=old.pk).exists()


@pytest.mark.django_db
def test_each_erasure_is_in_the_ledger_as_a_keyed_hash_and_a_time(ledger):
    member = MemberFactory(email=EMAIL, name="Ottoline Quibbleworth", phone="01632 960 777")
    by_phone = MemberFactory(email="", name="Barnaby Thistlewaite", phone="07700 900 123")
    FeedbackFactory(email=EMAIL, name="Ottoline", consent_to_contact=True)
    call_command("erase_personal_data", EMAIL, "--yes", stdout=io.StringIO())
    by_phone.erase(reason="request")
    text = ledger.read_text()
    for secret in (EMAIL, EMAIL.lower(), "Ottoline", "Quibbleworth", "960 777", "Barnaby", "07700"):
        assert secret not in text
    lines = [json.loads(line) for line in text.splitlines()]
    assert {line["hash"] for line in lines} == {
        erasure_ledger.hash_of(identity(email=EMAIL)),
        erasure_ledger.hash_of(identity(name="Barnaby Thistlewaite", phone="07700 900 123")),
    }
    assert all(datetime.datetime.fromisoformat(line["erased_at"]) <= timezone.now() for line in lines)
    assert ledger.stat().st_mode & 0o077 == 0  # readable by its owner only
    assert Member.objects.get(pk=member.pk).is_erased


@pytest.mark.django_db
def test_an_erasure_that_cannot_be_written_down_is_not_made(settings, tmp_path, client, django_user_model):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    settings.ERASURE_LEDGER = str(blocker / "erasure-ledger.jsonl")
    member = MemberFactory(email=EMAIL)
    admin = django_user_model.objects.create_superuser("admin", "admin@example.org", "pw")
    client.force_login(admin)
    response = client.post(f"/admin/involvement/member/erase/{member.pk}/", follow=True)
    assert response.status_code == 200
    assert "Could not write the erasure ledger" in response.content.decode()
    assert not Member.objects.get(pk=member.pk).is_erased
