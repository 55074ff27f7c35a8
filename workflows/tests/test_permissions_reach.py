"""Who can see who we heard from: the reach table and the area's population, role by role.

Rows of the permission matrix (permission_matrix.py) in their own file, with the same roles, sign-in
and refusal checks: each refusal is checked for both the answer and the absence of any effect (no
look in the audit log, no setting changed).
"""

from decimal import Decimal

import pytest
from django.urls import reverse
from wagtail.models import PageLogEntry, Site

from pages.tests.factories import OpportunityPageFactory
from reach.models import AreaPopulation
from reach.tests.helpers import responses
from workflows.tests.permission_matrix import (
    ENGAGEMENT,
    MARKER,
    SUPERUSER,
    Matrix,
    assert_refused,
    body,
)

MATRIX = Matrix(
    {
        # reach/admin_views.py: the Engagement team only, as for questionnaire responses.
        "see who an opportunity heard from, in real numbers": {ENGAGEMENT, SUPERUSER},
        # Settings → Area population: Wagtail's settings permission, which only superusers hold.
        "change the area's population figures": {SUPERUSER},
    }
)


@MATRIX.action("see who an opportunity heard from, in real numbers")
def see_reach(client, world, role, allowed):
    page = OpportunityPageFactory(parent=world.index, title=f"The {MARKER} survey", slug="reach-survey")
    responses(page, 3, {"age_band": "18_24"})
    answer = client.get(reverse("reach_opportunity", args=[page.pk]))
    if allowed:
        assert answer.status_code == 200 and MARKER in body(answer)
        assert "<td>3</td>" in body(answer)  # staff see the real number
    else:
        assert_refused(answer, role)
    looks = PageLogEntry.objects.filter(page=page, action="reach.view").count()
    assert looks == (1 if allowed else 0)


@MATRIX.action("change the area's population figures")
def change_population(client, world, role, allowed):
    site = Site.objects.get(is_default_site=True)
    url = reverse("wagtailsettings:edit", args=["reach", "areapopulation", site.pk])
    data = {
        "source": f"{MARKER} census",
        "figures-TOTAL_FORMS": "1",
        "figures-INITIAL_FORMS": "0",
        "figures-MIN_NUM_FORMS": "0",
        "figures-MAX_NUM_FORMS": "1000",
        "figures-0-group": "age_band:18_24",
        "figures-0-percent": "9.5",
        "figures-0-ORDER": "1",
        "figures-0-id": "",
        "figures-0-DELETE": "",
    }
    form = client.get(url)
    answer = client.post(url, data)
    setting = AreaPopulation.for_site(site)
    if allowed:
        assert form.status_code == 200 and answer.status_code == 302, answer.status_code
        assert setting.source == f"{MARKER} census"
        assert setting.shares() == {"age_band:18_24": Decimal("9.5")}
    else:
        assert_refused(form, role)
        assert_refused(answer, role)
        assert setting.source == "" and not setting.figures.exists()


def test_every_reach_action_has_a_check():
    MATRIX.assert_complete()


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "role"), MATRIX.cases())
def test_reach_permission_matrix(client, world, name, role):
    MATRIX.run(client, world, name, role)
