"""Plan fields stay internal; the sign-off log and the reminders do their jobs."""

import csv
import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, TaskState

from workflows.tests.evidence import publish_signed_off
from workflows.tests.helpers import decide, draft_plan, submit

SECRETS = {
    "plan_proposal": "Zanzibarproposal to move the clinic",
    "plan_decision": "Quokkadecision by the board",
    "eia_summary": "Xylophoneimpact on older people",
    "resources": "Kumquatbudget of ten thousand pounds",
    "evaluation": "Wombatevaluation by survey",
    "short_period_reason": "Narwhalreason for urgency",
}
SECRET_WORDS = [
    "Zanzibarproposal",
    "Quokkadecision",
    "Xylophoneimpact",
    "Kumquatbudget",
    "Wombatevaluation",
    "Narwhalreason",
    "Pangolingroup",
]


@pytest.fixture
def published_plan(client, users, signoff_index):
    page = draft_plan(signoff_index, users["editor"], category="A", **SECRETS)
    page.stakeholders.first().group = "Pangolingroup residents"
    page.stakeholders.first().save()
    publish_signed_off(page, user=users["editor"])
    return page


@pytest.mark.django_db
def test_plan_fields_never_reach_the_public_page(client, published_plan):
    html = client.get(published_plan.url).content.decode()
    assert published_plan.title in html
    for word in SECRET_WORDS:
        assert word not in html


@pytest.mark.django_db
def test_plan_fields_are_not_searchable(client, published_plan):
    assert Page.objects.live().search(published_plan.title.split()[0]).count() >= 1
    for word in SECRET_WORDS:
        assert Page.objects.live().search(word).count() == 0, word
        # The search page repeats the query, so look for the plan's title among the results.
        assert published_plan.title not in client.get("/search/", {"q": word}).content.decode()


@pytest.mark.django_db
def test_plan_fields_are_not_in_the_api(client, published_plan):
    for url in (
        f"/api/v2/pages/{published_plan.pk}/",
        "/api/v2/pages/?type=pages.OpportunityPage&fields=*",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert published_plan.title in body
        for word in SECRET_WORDS:
            assert word not in body, (url, word)
        for field in ("plan_proposal", "category", "eia_status", "stakeholders", "osc_notified_on"):
            assert f'"{field}"' not in body


@pytest.mark.django_db
def test_plan_fields_are_not_in_feeds_or_sitemap(client, published_plan):
    for url in ("/feeds/opportunities.rss", "/feeds/opportunities.atom", "/sitemap.xml"):
        body = client.get(url).content.decode()
        for word in SECRET_WORDS:
            assert word not in body, (url, word)


@pytest.mark.django_db
def test_sign_off_log_lists_filters_and_exports_decisions(client, users, signoff_index):
    page = draft_plan(signoff_index, users["editor"], category="B", title="Community beds")
    submit(client, users["editor"], page)
    decide(client, users["engagement"], page, "approve", comment="Clear and fair.")
    decide(client, users["equality"], page, "reject", comment="Assess the impact on carers.")

    client.force_login(users["lay"])
    html = client.get(reverse("signoff_log")).content.decode()
    assert "Community beds" in html and "Assess the impact on carers." in html

    rejected = client.get(reverse("signoff_log_results"), {"decision": "rejected"}).content.decode()
    assert "Assess the impact on carers." in rejected and "Clear and fair." not in rejected
    assert (
        "Clear and fair."
        not in client.get(reverse("signoff_log_results"), {"category": "C"}).content.decode()
    )

    export = client.get(reverse("signoff_log"), {"export": "csv"})
    rows = list(csv.DictReader(io.StringIO(b"".join(export.streaming_content).decode())))
    assert [(r["Stage"], r["Decision"], r["Category"]) for r in rows] == [
        ("Equality impact check", "Changes requested", "B"),
        ("Engagement team review", "Approved", "B"),
    ]
    xlsx = client.get(reverse("signoff_log"), {"export": "xlsx"})
    assert xlsx.status_code == 200 and xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


@pytest.mark.django_db
def test_sign_off_log_is_closed_to_editors(client, users):
    client.force_login(users["editor"])
    assert client.get(reverse("signoff_log")).status_code in (302, 403)


@pytest.mark.django_db
def test_reminders_go_only_for_stages_past_the_threshold_once_per_run(client, users, signoff_index):
    old = draft_plan(signoff_index, users["editor"], title="Old plan", slug="old-plan")
    fresh = draft_plan(signoff_index, users["editor"], title="Fresh plan", slug="fresh-plan")
    submit(client, users["editor"], old)
    submit(client, users["editor"], fresh)
    old.refresh_from_db()
    TaskState.objects.filter(pk=old.current_workflow_task_state.pk).update(
        started_at=timezone.now() - datetime.timedelta(days=6)
    )
    TaskState.objects.filter(workflow_state__object_id=str(fresh.pk)).update(
        started_at=timezone.now() - datetime.timedelta(days=4)
    )
    for _run in range(2):
        mail.outbox.clear()
        call_command("send_signoff_reminders", stdout=io.StringIO())
        assert [m.to for m in mail.outbox] == [[users["engagement"].email]]
        assert "Old plan" in mail.outbox[0].subject

    mail.outbox.clear()
    call_command("send_signoff_reminders", "--days", "3", stdout=io.StringIO())
    assert sorted(m.subject for m in mail.outbox) == sorted(
        [f'Reminder: "{t}" is waiting for Engagement team review' for t in ("Old plan", "Fresh plan")]
    )


@pytest.fixture
def internal_document(db):
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document
    from wagtail.models import Collection

    from core.roles import INTERNAL_COLLECTION

    document = Document(
        title="Equality impact assessment: walk-in centre",
        collection=Collection.objects.get(name=INTERNAL_COLLECTION),
    )
    document.file.save("eia-walk-in-centre.txt", ContentFile(b"Impact on older people"), save=True)
    return document


@pytest.mark.django_db
def test_plan_documents_are_for_staff_only(client, users, internal_document):
    assert client.get(internal_document.url).status_code in (302, 403)
    assert "eia-walk-in-centre" not in client.get("/api/v2/documents/").content.decode()
    client.force_login(users["equality"])
    assert client.get(internal_document.url).status_code == 200


@pytest.mark.django_db
def test_a_public_document_cannot_be_attached_as_the_eia(client, users, signoff_index, internal_document):
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document

    from workflows.tests.helpers import post_edit

    public = Document(title="Leaflet")
    public.file.save("leaflet.txt", ContentFile(b"Public leaflet"), save=True)
    page = draft_plan(signoff_index, users["editor"])
    client.force_login(users["editor"])
    response = post_edit(client, page, action=None, eia_document=str(public.pk))
    assert response.status_code == 200
    assert "This document is public" in response.content.decode()
    response = post_edit(client, page, action=None, eia_document=str(internal_document.pk))
    assert response.status_code == 302
