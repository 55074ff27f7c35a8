"""Site search narrowed to one type of page, editors' promoted results, and search terms counted."""

import pytest
from django.contrib.auth.models import Group
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import PageViewRestriction

from pages.tests.factories import (
    OpportunityPageFactory,
    StandardPageFactory,
    StrategyPageFactory,
    YouSaidWeDidPageFactory,
)


def search(client, **params):
    response = client.get("/search/", params)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def one_of_each(home, opportunity_index, outcome_index):
    """A page of each searchable kind, all about hearing."""
    return {
        "opportunity": OpportunityPageFactory(
            parent=opportunity_index, title="Hearing survey", summary="Hearing aids."
        ),
        "outcome": YouSaidWeDidPageFactory(
            parent=outcome_index, title="Hearing clinic change", we_did_summary="Hearing clinic opened."
        ),
        "strategy": StrategyPageFactory(parent=home, title="Hearing strategy", intro="Hearing for all."),
        "page": StandardPageFactory(parent=home, title="Hearing loop information", intro="Hearing loops."),
    }


def result_titles(html, pages):
    return {kind for kind, page in pages.items() if f">{page.title}</a>" in html}


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["opportunity", "outcome", "strategy", "page"])
def test_search_can_be_narrowed_to_one_type(client, one_of_each, kind):
    html = search(client, q="hearing", type=kind)
    assert result_titles(html, one_of_each) == {kind}
    assert "1 result for ‘hearing’ in " in html


@pytest.mark.django_db
@pytest.mark.parametrize("garbage", ["", "everything", "OPPORTUNITY", "<b>", "page\x00", "x" * 500])
def test_an_unknown_type_gives_every_result(client, one_of_each, garbage):
    html = search(client, q="hearing", type=garbage)
    assert result_titles(html, one_of_each) == set(one_of_each)
    assert "4 results for ‘hearing’</h2>" in html


@pytest.mark.django_db
def test_type_filter_links_keep_the_query_and_mark_the_current_type(client, one_of_each):
    html = search(client, q="hearing", type="outcome")
    assert '<a href="?q=hearing">All results</a>' in html
    assert '<a href="?q=hearing&amp;type=opportunity">Opportunities</a>' in html
    assert '<a href="?q=hearing&amp;type=outcome" aria-current="page">You said, We did</a>' in html


@pytest.mark.django_db
def test_pagination_keeps_the_type(client, home, opportunity_index):
    for n in range(12):
        OpportunityPageFactory(parent=opportunity_index, title=f"Asthma group {n}", summary="Asthma.")
    StandardPageFactory(parent=home, title="Asthma advice", intro="Asthma.")
    first = search(client, q="asthma", type="opportunity")
    assert "12 results for ‘asthma’ in Opportunities" in first
    assert 'href="?q=asthma&amp;type=opportunity&amp;page=2"' in first
    second = search(client, q="asthma", type="opportunity", page="2")
    assert second.count("app-search-result") == 2
    assert "Asthma advice" not in second


@pytest.mark.django_db
def test_type_filter_never_shows_drafts_or_private_pages(client, home, opportunity_index):
    OpportunityPageFactory(parent=opportunity_index, title="Live podiatry survey", summary="Podiatry.")
    OpportunityPageFactory(parent=opportunity_index, title="Draft podiatry", summary="Podiatry.", live=False)
    private = StandardPageFactory(parent=home, title="Private podiatry", intro="Podiatry.")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="secret")
    assert "1 result for" in search(client, q="podiatry", type="opportunity")
    html = search(client, q="podiatry", type="page")
    assert "0 results for" in html
    assert "Private podiatry" not in html


@pytest.mark.django_db
def test_each_new_search_is_counted_for_the_search_terms_report(client, one_of_each):
    search(client, q="Hearing  Aids")
    search(client, q="hearing aids")
    # Moving through the results or narrowing them is not a new search.
    search(client, q="hearing aids", page="2")
    search(client, q="hearing aids", type="outcome")
    search(client, q="")
    assert Query.objects.get(query_string="hearing aids").hits == 2
    assert list(Query.get_most_popular().values_list("query_string", flat=True)) == ["hearing aids"]


@pytest.mark.django_db
def test_a_search_with_no_words_records_nothing(client, home):
    search(client, q="   ")
    search(client)
    assert not Query.objects.exists()


@pytest.mark.django_db
def test_editors_promotions_show_above_the_results(client, home, one_of_each):
    about = StandardPageFactory(parent=home, title="Audiology services", intro="Ears.")
    query = Query.get("hearing")
    SearchPromotion.objects.create(query=query, page=about, description="Where to get your hearing tested.")
    SearchPromotion.objects.create(
        query=query,
        external_link_url="https://www.nhs.uk/conditions/hearing-loss/",
        external_link_text="Hearing loss on NHS.UK",
    )
    html = search(client, q="Hearing")
    recommended = html.index('id="promoted-heading"')
    assert recommended < html.index('id="results-heading"')
    assert html.index('href="/audiology-services/">Audiology services</a>') > recommended
    assert "Where to get your hearing tested." in html
    assert 'href="https://www.nhs.uk/conditions/hearing-loss/">Hearing loss on NHS.UK</a>' in html
    # The promoted page is not otherwise a result for the words.
    assert "4 results for ‘Hearing’" in html


@pytest.mark.django_db
def test_promotions_of_draft_or_private_pages_are_not_shown(client, home):
    draft = StandardPageFactory(parent=home, title="Draft audiology", live=False)
    private = StandardPageFactory(parent=home, title="Private audiology")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="secret")
    query = Query.get("ears")
    SearchPromotion.objects.create(query=query, page=draft)
    SearchPromotion.objects.create(query=query, page=private)
    html = search(client, q="ears")
    assert "promoted-heading" not in html
    assert "Draft audiology" not in html and "Private audiology" not in html


@pytest.mark.django_db
def test_no_promotions_section_without_promotions(client, one_of_each):
    assert "promoted-heading" not in search(client, q="hearing")


def staff(django_user_model, username, group):
    user = django_user_model.objects.create_user(username, f"{username}@example.org", "pw")
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.mark.django_db
def test_the_engagement_team_manages_promotions_and_editors_cannot(client, django_user_model, home):
    client.force_login(staff(django_user_model, "team", "Engagement team"))
    assert client.get("/admin/searchpicks/").status_code == 200
    assert client.get("/admin/searchpicks/add/").status_code == 200
    client.force_login(staff(django_user_model, "writer", "Editors"))
    assert client.get("/admin/searchpicks/").status_code in (302, 403)
