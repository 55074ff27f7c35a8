"""The demo urgent care consultation has published responses, one redacted, approved at Editorial
review; they show once it closes, and loading again changes nothing."""

import datetime
from io import StringIO

from django.core.management import call_command
from django.utils import timezone

from pages.models import OpportunityPage
from published_responses.listing import visible_entries
from published_responses.models import REDACTED, ResponsePublication
from workflows.models import SignOffDecision


def test_the_demo_publishes_some_responses_through_editorial_review(demo, client):
    page = OpportunityPage.objects.get(slug="future-of-urgent-care")
    publication = ResponsePublication.objects.get(opportunity=page)
    assert publication.live and len(publication.entries) == 5
    approval = SignOffDecision.objects.get(workflow_state__object_id=str(publication.pk), decision="approved")
    assert approval.user.username == "engagement"
    # Open in the demo: not yet shown.
    assert client.get(f"{page.url}responses/").status_code == 404
    OpportunityPage.objects.filter(pk=page.pk).update(
        closes=timezone.localdate() - datetime.timedelta(days=1)
    )
    page.refresh_from_db()
    entries = visible_entries(page)
    assert len(entries) == 5
    assert any(REDACTED in item["text"] for entry in entries for item in entry["texts"])
    listing = client.get(f"{page.url}responses/")
    assert listing.status_code == 200 and REDACTED in listing.content.decode()

    revisions = publication.revisions.count()
    call_command("load_demo_content", stdout=StringIO())
    assert publication.revisions.count() == revisions
