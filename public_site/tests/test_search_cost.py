"""Search costs the same whatever mix of page types it finds."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pages.tests.factories import (
    OpportunityIndexPageFactory,
    OpportunityPageFactory,
    StandardPageFactory,
    StrategyPageFactory,
    YouSaidWeDidIndexPageFactory,
    YouSaidWeDidPageFactory,
    days,
)


def queries_for(client, word):
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/search/", {"q": word})
    assert response.status_code == 200
    return len(captured), response.content.decode()


@pytest.mark.django_db
def test_search_query_count_is_the_same_for_one_type_or_six(client, home, opportunity_index):
    for n in range(3):
        StandardPageFactory(parent=home, title=f"Alpha page {n}")
        OpportunityPageFactory(parent=opportunity_index, title=f"Bravo survey {n}", opens=days(5))
    StandardPageFactory(parent=home, title="Charlie information")
    OpportunityPageFactory(parent=opportunity_index, title="Charlie survey", opens=days(5))
    outcomes = YouSaidWeDidIndexPageFactory(parent=home, title="Charlie outcomes", slug="charlie-outcomes")
    YouSaidWeDidPageFactory(parent=outcomes, title="Charlie clinic", we_did_summary="An extra clinic.")
    StrategyPageFactory(parent=home, title="Charlie strategy")
    OpportunityIndexPageFactory(parent=home, title="Charlie involvement", slug="charlie-involvement")
    client.get("/search/", {"q": "warm"})  # the site and settings caches

    standard_only, _ = queries_for(client, "alpha")
    opportunities_only, html = queries_for(client, "bravo")
    assert 'nhsuk-tag--blue">Upcoming</strong>' in html  # the status still comes with them
    six_types, html = queries_for(client, "charlie")
    assert "6 results for ‘charlie’" in html
    for label in ("Information", "You said, We did", "Engagement strategy", "Get involved"):
        assert f'<span class="app-meta">{label}</span>' in html
    assert "An extra clinic." in html  # a type's own summary field
    assert standard_only == opportunities_only == six_types
