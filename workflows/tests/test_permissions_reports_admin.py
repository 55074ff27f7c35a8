"""Who may open the reports and change the site's administration (permission_matrix.py)."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import (
    Site,
    Workflow,
)
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from core import roles
from pages.models import OrganisationSettings
from pages.tests.factories import OpportunityPageFactory, days
from workflows.models import SignOffDecision
from workflows.tests.permission_matrix import (
    ANONYMOUS,
    APPROVERS,
    MARKER,
    PAGE_WRITERS,
    SUPERUSER,
    Matrix,
    assert_refused,
    assert_shown_or_refused,
    body,
)

MATRIX = Matrix(
    {
        # Reports.
        "view and export the sign-off log": APPROVERS | {SUPERUSER},
        "view the Feedback overdue report": PAGE_WRITERS | {SUPERUSER},
        "view a page's history": PAGE_WRITERS | {SUPERUSER},
        "see page changes in the site history": PAGE_WRITERS | {SUPERUSER},
        "view the workflow reports": PAGE_WRITERS | {SUPERUSER},
        # Administration.
        "change the organisation settings": {SUPERUSER},
        "change workflows": {SUPERUSER},
        "manage users and groups": {SUPERUSER},
    }
)
action = MATRIX.action


@action("view and export the sign-off log")
def signoff_log(client, world, role, allowed):
    SignOffDecision.objects.create(
        page_title="A plan",
        stage="engagement_review",
        stage_name="Engagement team review",
        category="C",
        decision="approved",
        comment=f"Agreed after the {MARKER} meeting.",
    )
    responses = [client.get(reverse("signoff_log")), client.get(reverse("signoff_log") + "?export=csv")]
    assert_shown_or_refused(responses, role, allowed)


@action("view the Feedback overdue report")
def feedback_overdue(client, world, role, allowed):
    OpportunityPageFactory(
        parent=world.index, title=f"The {MARKER} survey", opens=days(-200), closes=days(-120)
    )
    response = client.get(reverse("reporting_feedback_overdue"))
    assert_shown_or_refused([response], role, allowed)


@action("view a page's history")
def page_history(client, world, role, allowed):
    page = world.draft()
    response = client.get(reverse("wagtailadmin_pages:history", args=[page.pk]))
    assert_shown_or_refused([response], role, allowed)


@action("see page changes in the site history")
def site_history(client, world, role, allowed):
    world.draft()
    response = client.get(reverse("wagtailadmin_reports:site_history"))
    if role == ANONYMOUS and not allowed:
        assert_refused(response, role)
        return
    # Everyone in the admin has the report; it lists only what each person may see.
    assert response.status_code == 200
    assert (MARKER in body(response)) == allowed


@action("view the workflow reports")
def workflow_reports(client, world, role, allowed):
    world.plan_at(0)
    responses = [
        client.get(reverse("wagtailadmin_reports:workflow")),
        client.get(reverse("wagtailadmin_reports:workflow_tasks")),
    ]
    assert_shown_or_refused(responses, role, allowed)


@action("change the organisation settings")
def organisation_settings(client, world, role, allowed):
    site = Site.objects.get(is_default_site=True)
    url = reverse("wagtailsettings:edit", args=["pages", "organisationsettings", site.pk])
    form = client.get(url)
    data = nested_form_data(
        {
            "name": f"NHS {MARKER} ICB",
            "short_name": "Changed",
            "descriptor": "",
            "address": "",
            "phone": "",
            "email": "",
            "legal_duty": rich_text(""),
            "pals_details": rich_text(""),
            "footer_links": streamfield([]),
            "social_links": streamfield([]),
        }
    )
    response = client.post(url, data)
    name = OrganisationSettings.for_site(site).name
    if allowed:
        assert form.status_code == 200
        assert response.status_code == 302
        assert name == f"NHS {MARKER} ICB"
    else:
        assert_refused(form, role)
        assert_refused(response, role)
        assert MARKER not in name


@action("change workflows")
def change_workflows(client, world, role, allowed):
    signoff = Workflow.objects.get(name=roles.CONSULTATION_SIGNOFF)
    listing = client.get(reverse("wagtailadmin_workflows:index"))
    response = client.post(reverse("wagtailadmin_workflows:disable", args=[signoff.pk]))
    signoff.refresh_from_db()
    if allowed:
        assert listing.status_code == 200 and response.status_code == 302
        assert not signoff.active
    else:
        assert_refused(listing, role)
        assert_refused(response, role)
        assert signoff.active


@action("manage users and groups")
def users_and_groups(client, world, role, allowed):
    someone = get_user_model().objects.create_user(f"{MARKER.lower()}", "q@example.org")
    group = Group.objects.get(name=roles.GOVERNING_BODY)
    responses = [
        client.get(reverse("wagtailusers_users:index")),
        client.get(reverse("wagtailusers_groups:index")),
        client.post(reverse("wagtailusers_users:delete", args=[someone.pk])),
        client.post(reverse("wagtailusers_groups:delete", args=[group.pk])),
    ]
    user_exists = get_user_model().objects.filter(pk=someone.pk).exists()
    group_exists = Group.objects.filter(pk=group.pk).exists()
    if allowed:
        assert [r.status_code for r in responses] == [200, 200, 302, 302]
        assert not user_exists and not group_exists
    else:
        for response in responses:
            assert_refused(response, role)
        assert user_exists and group_exists


def test_every_action_has_a_check_and_every_role_is_known():
    MATRIX.assert_complete()


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "role"), MATRIX.cases())
def test_permission_matrix(client, world, name, role):
    MATRIX.run(client, world, name, role)
