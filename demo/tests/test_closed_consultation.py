"""The demo's closed NHS 111 survey shows, in public, what its analysis found: published responses
(one redacted) and a published outcome whose figures come from the responses: the people counted,
the themes with their counts, and the reach table. Loading again changes none of it."""

import re
from io import StringIO

from django.core.management import call_command

from analysis.models import Coding
from pages.models import OpportunityPage, YouSaidWeDidPage
from published_responses.models import REDACTED, ResponsePublication
from questionnaires.counting import counted

SURVEY = "nhs-111-out-of-hours-survey"
OUTCOME = "clearer-information-about-nhs-111"


def cells(html, caption):
    """{row header: cell text} of the table with this caption."""
    table = html.split(caption, 1)[1].split("</table>", 1)[0]
    rows = re.findall(r'<th scope="row"[^>]*>\s*(.*?)\s*</th>\s*<td[^>]*>\s*(.*?)\s*</td>', table, re.S)
    return dict(rows)


def test_the_closed_survey_shows_its_published_responses_and_an_outcome_counted_from_them(demo, client):
    survey = OpportunityPage.objects.get(slug=SURVEY)
    assert survey.public_status == "outcome"
    people = counted(survey.responses.all()).count()
    assert people > 200

    # Published responses, approved at Editorial review, listed in public because the survey closed.
    publication = ResponsePublication.objects.get(opportunity=survey)
    assert publication.live and len(publication.entries) == 5
    listing = client.get(f"{survey.url}responses/")
    assert listing.status_code == 200
    assert REDACTED in listing.content.decode()
    assert f'href="{survey.url}responses/"' in client.get(survey.url).content.decode()

    # The outcome: the site's count of who took part, and the chosen themes as the codings count them.
    outcome = YouSaidWeDidPage.objects.get(slug=OUTCOME)
    assert outcome.live and outcome.participants == people and len(outcome.outcome_themes) == 3
    html = client.get(outcome.url).content.decode()
    assert re.search(rf"People who took part</dt>\s*<dd[^>]*>\s*{people}\s*</dd>", html)
    shown = cells(html, "What people raised most often")
    assert len(shown) == 3
    for pk in outcome.outcome_themes:
        codings = Coding.objects.filter(theme_id=pk, response__in=counted(survey.responses.all()))
        hand_count = codings.values("response").distinct().count()
        name = codings.first().theme.name
        assert shown[name] == (str(hand_count) if hand_count >= 5 else "fewer than 5")
    assert "Who we heard from" in html

    revisions = outcome.revisions.count()
    call_command("load_demo_content", stdout=StringIO())
    outcome.refresh_from_db()
    assert outcome.revisions.count() == revisions and outcome.participants == people
