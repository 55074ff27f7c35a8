"""The cluster run's editor (benchmarks/cluster/admin_form.py) posts what the admin's form would: the
page's own edit form, read by Django's test client, publishes through it with nothing but the title
changed. And the kill check's counts: the requests in flight at the kill, and those answered after it."""

import json

import pytest
from django.http import QueryDict
from wagtail.models import Revision

from benchmarks.cluster.admin_form import block_fields, edit_form_data, replace
from benchmarks.cluster.run import answered_after, in_flight
from pages.tests.factories import StandardPageFactory

BODY = [
    {"type": "heading", "value": {"text": "Parking", "level": "h2"}},
    {"type": "paragraph", "value": "<p>Spaces by the <b>main entrance</b>.</p>"},
]


@pytest.mark.django_db
def test_publishing_through_the_edit_form_as_read_changes_only_the_title(admin_client, home):
    page = StandardPageFactory(parent=home, title="Parking", slug="parking", intro="Where to park.")
    page.body = json.dumps(BODY)
    page.save_revision().publish()
    before = json.loads(page.latest_revision.content["body"])
    edit = f"/admin/pages/{page.pk}/edit/"

    fields, buttons = edit_form_data(admin_client.get(edit).content.decode())
    data = QueryDict(mutable=True)
    for name, value in [
        *replace(fields, "title", "Parking and drop-off"),
        ("action-publish", buttons["action-publish"]),
    ]:
        data.appendlist(name, value)
    answer = admin_client.post(edit, data.urlencode(), content_type="application/x-www-form-urlencoded")

    assert answer.status_code == 302
    page.refresh_from_db()
    assert page.title == "Parking and drop-off" and page.live
    after = json.loads(Revision.objects.filter(object_id=str(page.pk)).latest("pk").content["body"])
    assert [(b["id"], b["type"]) for b in after] == [(b["id"], b["type"]) for b in before]
    assert after[0]["value"] == {"text": "Parking", "level": "h2"}
    assert "main entrance" in after[1]["value"] and page.intro == "Where to park."


def test_streams_lists_and_structs_post_as_the_block_widgets_do():
    value = [
        {"type": "links", "id": "s1", "value": [{"id": "l1", "value": {"text": "A", "open": True}}]},
        {"type": "level", "id": "s2", "value": ["h3"]},
    ]
    assert block_fields("body", value) == [
        ("body-count", "2"),
        ("body-0-id", "s1"),
        ("body-0-deleted", ""),
        ("body-0-order", "0"),
        ("body-0-type", "links"),
        ("body-0-value-count", "1"),
        ("body-0-value-0-id", "l1"),
        ("body-0-value-0-deleted", ""),
        ("body-0-value-0-order", "0"),
        ("body-0-value-0-value-text", "A"),
        ("body-0-value-0-value-open", "true"),
        ("body-1-id", "s2"),
        ("body-1-deleted", ""),
        ("body-1-order", "1"),
        ("body-1-type", "level"),
        ("body-1-value", "h3"),
    ]


def test_in_flight_counts_the_requests_that_straddle_the_moment():
    records = [
        {"kind": "request", "started": 1.0, "ended": 2.0},
        {"kind": "failure", "started": 4.0, "ended": 5.5},
        {"kind": "request", "started": 4.5, "ended": 6.0},
        {"kind": "submission", "started": 4.0, "ended": 6.0},  # its request is counted already
        {"kind": "request", "started": 5.1, "ended": 5.2},
    ]
    assert in_flight(records, 5.0) == 2
    assert in_flight(records, 3.0) == 0


def test_answered_after_counts_only_the_requests_sent_after_the_kill_and_answered():
    records = [
        {"kind": "request", "started": 4.5, "ended": 6.0},  # in flight: answered, but sent before
        {"kind": "failure", "started": 5.5, "ended": 5.6},
        {"kind": "request", "started": 5.5, "ended": 5.7},
        {"kind": "submission", "started": 5.5, "ended": 5.9},  # its request is counted already
    ]
    assert answered_after(records, 5.0) == 1
    assert answered_after(records, 6.0) == 0
