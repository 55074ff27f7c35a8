"""The outcome page shows the themes the editor chose, with counts from the analysis, suppressed."""

import pytest

from analysis import coding
from pages.outcome_themes import OutcomeForm
from pages.tests.factories import YouSaidWeDidPageFactory
from questionnaires.recording import record_response

pytestmark = pytest.mark.django_db


@pytest.fixture
def coded(answered, users):
    page, responses = answered
    staff = users["engagement"]
    waiting, _ = coding.add_theme(page, "Waiting times", user=staff)
    parking, _ = coding.add_theme(page, "Parking", user=staff)
    unchosen, _ = coding.add_theme(page, "Opening hours", user=staff)
    extra = [record_response(page, answers={"why": f"Waited {i} hours"}) for i in range(4)]
    for response in [*responses[:2], *extra]:  # six counted responses raise waiting times
        coding.set_themes(page, response, "why", [waiting.pk], user=staff)
    coding.set_themes(page, responses[0], "why", [waiting.pk, parking.pk], user=staff)  # one: parking
    coding.set_themes(page, responses[5], "why", [waiting.pk], user=staff)  # the duplicate: not counted
    coding.set_themes(page, responses[3], "why", [unchosen.pk], user=staff)
    return page, waiting, parking, unchosen


def test_the_editor_chooses_from_the_coding_frame(coded, outcome_index):
    page, waiting, parking, unchosen = coded
    outcome = YouSaidWeDidPageFactory(parent=outcome_index, opportunity=page)
    form_class = type(outcome).get_edit_handler().get_form_class()
    assert issubclass(form_class, OutcomeForm)
    form = form_class(instance=outcome, for_user=None)
    assert dict(form.fields["outcome_themes"].choices) == {
        parking.pk: "Parking",
        unchosen.pk: "Opening hours",
        waiting.pk: "Waiting times",
    }


def test_the_public_page_shows_chosen_themes_with_suppressed_counts(coded, outcome_index, client):
    page, waiting, parking, _unchosen = coded
    outcome = YouSaidWeDidPageFactory(
        parent=outcome_index,
        opportunity=page,
        title="Walk-in outcome",
        outcome_themes=[parking.pk, waiting.pk],
    )
    html = client.get(outcome.url).content.decode()
    assert 'id="outcome-themes"' in html
    table = html[html.index('id="outcome-themes"') :]
    assert table.index("Waiting times") < table.index("Parking")  # most often raised first
    assert '<td class="nhsuk-table__cell nhsuk-table__cell--numeric">6</td>' in table
    assert "fewer than 5" in table  # parking: one response, never shown as 1
    assert "Opening hours" not in table
    assert ">1<" not in table


def test_no_themes_no_table(answered, outcome_index, client):
    page, _responses = answered
    outcome = YouSaidWeDidPageFactory(parent=outcome_index, opportunity=page, title="Plain outcome")
    assert 'id="outcome-themes"' not in client.get(outcome.url).content.decode()
