"""Who can analyse responses (analysis/): the Engagement team and superusers, nobody else.

The same shape as the rest of the permission matrix (permission_matrix.py): each row names an action
and who may take it; each case signs in as one role (or none, or as an organiser of the
opportunity's event), uses the admin's real addresses, and checks both the answer and the effect, so
a refusal that still did the thing fails. Every analysis address is covered, exports included.
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from analysis import coding, similar
from analysis.models import Cluster, Coding, Note, Quote, Theme
from questionnaires.models import Response
from questionnaires.recording import record_response
from questionnaires.tests.builders import question, questionnaire_page, section
from workflows.tests.permission_matrix import (
    ANONYMOUS,
    EDITORS,
    ENGAGEMENT,
    MARKER,
    ROLES,
    SUPERUSER,
    Matrix,
    assert_refused,
    body,
)

ORGANISER = "organiser of the opportunity"
ANALYSIS_ROLES = [*ROLES, ORGANISER]
TEAM = {ENGAGEMENT, SUPERUSER}
MATRIX = Matrix(
    {
        "see the analysis, the coding view, a response's analysis and the similar answers": TEAM,
        "export the analysis: responses with themes, question tables, theme tables (CSV and XLSX)": TEAM,
        "add a theme to the coding frame": TEAM,
        "tag answers with themes, one at a time and in bulk": TEAM,
        "mark a quote for use and add an analyst's note": TEAM,
        "look for similar answers and decide on a cluster": TEAM,
    },
    roles=ANALYSIS_ROLES,
)


class Scene:
    def __init__(self, page, responses, theme, cluster):
        self.page, self.responses, self.theme, self.cluster = page, responses, theme, cluster


@pytest.fixture
def scene(world):
    stream = [section("Views", question("fft", "fft"), question("long_text", "why", "Why?"))]
    page = questionnaire_page(world.index, stream, title="Analysed survey", slug="analysed-survey")
    text = f"The {MARKER} clinic should stay open in the evenings for everyone"
    responses = [record_response(page, answers={"fft": "good", "why": text}) for _ in range(3)]
    theme, _ = coding.add_theme(page, f"{MARKER} theme", user=world.admin)
    similar.find_clusters(page)
    organiser = get_user_model().objects.create_user("organiser", "organiser@example.org", "pw")
    organiser.groups.add(Group.objects.get(name=EDITORS))
    page.event_organisers.add(organiser)
    page.save()
    world.by_role[ORGANISER] = organiser
    return Scene(page, responses, theme, Cluster.objects.get(opportunity=page))


@MATRIX.action("see the analysis, the coding view, a response's analysis and the similar answers")
def see_analysis(client, scene, role, allowed):
    page = scene.page
    responses = [
        client.get(reverse("analysis_index")),
        client.get(reverse("analysis_view", args=[page.pk])),
        client.get(reverse("analysis_coding", args=[page.pk])),
        client.get(reverse("analysis_response", args=[scene.responses[0].pk])),
        client.get(reverse("analysis_similar", args=[page.pk])),
    ]
    for response in responses:
        if allowed:
            assert response.status_code == 200
        else:
            assert_refused(response, role)
    if allowed:
        assert MARKER in body(responses[2]) and MARKER in body(responses[4])


@MATRIX.action("export the analysis: responses with themes, question tables, theme tables (CSV and XLSX)")
def export_analysis(client, scene, role, allowed):
    for kind in ("responses", "questions", "themes"):
        for export_format in ("csv", "xlsx"):
            url = reverse("analysis_export", args=[scene.page.pk, kind]) + f"?format={export_format}"
            response = client.get(url)
            if allowed:
                assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
                if kind != "questions" and export_format == "csv":
                    assert MARKER in body(response)
            else:
                assert_refused(response, role)


@MATRIX.action("add a theme to the coding frame")
def add_theme(client, scene, role, allowed):
    response = client.post(reverse("analysis_add_theme", args=[scene.page.pk]), {"name": "Opening hours"})
    made = Theme.objects.filter(name="Opening hours").exists()
    if allowed:
        assert response.status_code == 302 and made
    else:
        assert_refused(response, role)
        assert not made


@MATRIX.action("tag answers with themes, one at a time and in bulk")
def tag_answers(client, scene, role, allowed):
    first, second = scene.responses[:2]
    url = reverse("analysis_coding", args=[scene.page.pk])
    one = {"question": "why", "action": "save", "rows": [first.pk], f"themes-{first.pk}": [scene.theme.pk]}
    bulk = {
        "question": "why",
        "action": "bulk",
        "rows": [second.pk],
        "selected": [second.pk],
        "bulk_theme": scene.theme.pk,
    }
    answers = [client.post(url, one), client.post(url, bulk)]
    tagged = set(Coding.objects.values_list("response_id", flat=True))
    if allowed:
        assert all(a.status_code == 302 for a in answers) and tagged == {first.pk, second.pk}
    else:
        for answer in answers:
            assert_refused(answer, role)
        assert not tagged


@MATRIX.action("mark a quote for use and add an analyst's note")
def quote_and_note(client, scene, role, allowed):
    url = reverse("analysis_response_change", args=[scene.responses[0].pk])
    answers = [
        client.post(url, {"action": "quote", "question": "why", "for_use": "yes"}),
        client.post(url, {"action": "note", "note": "Call back"}),
    ]
    changed = Quote.objects.exists() or Note.objects.exists()
    if allowed:
        assert all(a.status_code == 302 for a in answers) and Quote.objects.exists() and Note.objects.exists()
    else:
        for answer in answers:
            assert_refused(answer, role)
        assert not changed


@MATRIX.action("look for similar answers and decide on a cluster")
def similar_answers(client, scene, role, allowed):
    find = client.post(reverse("analysis_find_similar", args=[scene.page.pk]))
    cluster = Cluster.objects.get(opportunity=scene.page)
    decide = client.post(reverse("analysis_decide", args=[cluster.pk]), {"decision": "duplicate"})
    duplicates = Response.objects.filter(status="duplicate").count()
    if allowed:
        assert find.status_code == 302 and decide.status_code == 302 and duplicates == 2
    else:
        assert_refused(find, role)
        assert_refused(decide, role)
        assert duplicates == 0 and cluster.pk == scene.cluster.pk
        assert Cluster.objects.get(pk=cluster.pk).decision == "pending"


def test_every_analysis_action_has_a_check():
    MATRIX.assert_complete()
    assert ANONYMOUS in ANALYSIS_ROLES


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "role"), MATRIX.cases())
def test_analysis_permission_matrix(client, world, scene, name, role):
    MATRIX.run(client, world, name, role, scene=(scene,))
