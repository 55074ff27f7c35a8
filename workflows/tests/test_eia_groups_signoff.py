"""The equality impact assessment's affected groups are part of what approvers sign off."""

import pytest
from django.core.exceptions import ValidationError

from pages.models import OpportunityPage
from workflows.exceptions import PublicationRefused
from workflows.fingerprint import fingerprint, signed_off_fields
from workflows.tests.evidence import record_signoff
from workflows.tests.helpers import draft_plan


def test_the_affected_groups_are_signed_off_fields():
    fields, _children = signed_off_fields(OpportunityPage)
    assert "eia_groups" in fields


@pytest.mark.django_db
@pytest.mark.parametrize(
    "changed",
    [
        ["age_band:65_74", "carer:yes"],
        ["age_band:65_74"],
        ["age_band:75_plus", "disability:yes", "ethnicity:black"],
        [],
    ],
)
def test_changing_the_affected_groups_after_approval_blocks_publication(users, signoff_index, changed):
    page = draft_plan(
        signoff_index, users["editor"], category="C", eia_groups=["age_band:75_plus", "disability:yes"]
    )
    approved = page.get_latest_revision()
    record_signoff(page, approved)
    obj = approved.as_object()
    obj.eia_groups = changed
    edited = obj.save_revision()
    assert fingerprint(edited) != fingerprint(approved)
    with pytest.raises(PublicationRefused):
        edited.publish()
    assert not OpportunityPage.objects.get(pk=page.pk).live
    approved.publish()
    assert OpportunityPage.objects.get(pk=page.pk).eia_groups == ["age_band:75_plus", "disability:yes"]


@pytest.mark.django_db
def test_an_unknown_group_is_refused_with_a_message(users, signoff_index):
    page = draft_plan(signoff_index, users["editor"], category="C")
    page.eia_groups = ["age_band:18_24", "shoe_size:12"]
    with pytest.raises(ValidationError, match="Unknown choices: shoe_size:12"):
        page.full_clean()
