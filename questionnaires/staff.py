"""What the staff side adds to the rest of the site, wired from QuestionnairesConfig.ready().

- A closed opportunity's public page says how many responded (the "details" panel,
  pages/extensions.py), counting as questionnaires/counting.py does; an open or upcoming one says
  nothing, so nobody is swayed by a running total.
- "You said, We did" offers the same number as "people who took part" (pages/participation.py).
"""

from pages.extensions import register_opportunity_panel
from pages.participation import register_participation_count
from pages.status import Status
from questionnaires import counting

CLOSED = (Status.CLOSED, Status.OUTCOME_PUBLISHED)


def response_count_panel(page, request):
    # Without questions there are no responses (the lock keeps the questions of answered ones), so
    # most pages spend no query here.
    if page.public_status not in CLOSED or not page.questionnaire:
        return None
    count = counting.public_count(page.pk)
    return {"count": count} if count else None


def participants(opportunity):
    return counting.public_count(opportunity.pk) or None


def ready():
    register_opportunity_panel(
        "questionnaire_responses",
        response_count_panel,
        template="questionnaires/staff/response_count.html",
        slot="details",
        order=50,
    )
    register_participation_count("questionnaire responses", participants)
