"""Fixtures for sign-off tests: one user per role, and /get-involved/ under consultation sign-off."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Workflow, WorkflowPage

from core import roles
from workflows.tests.permission_matrix import World

ROLE_USERS = {
    "editor": roles.EDITORS,
    "engagement": roles.ENGAGEMENT_TEAM,
    "equality": roles.EQUALITY_LEAD,
    "clinical": roles.CLINICAL_LEADS,
    "lay": roles.LAY_MEMBERS,
    "governing": roles.GOVERNING_BODY,
}


@pytest.fixture
def users(db):
    """A user in each role, each with an email address, plus a superuser."""
    User = get_user_model()
    made = {}
    for username, group_name in ROLE_USERS.items():
        user = User.objects.create_user(
            username, f"{username}@example.org", "pw", first_name=username.title()
        )
        user.groups.add(Group.objects.get(name=group_name))
        made[username] = user
    made["admin"] = User.objects.create_superuser("admin", "admin@example.org", "pw")
    return made


@pytest.fixture
def signoff_index(opportunity_index):
    """The opportunity index with the consultation sign-off workflow, as the demo sets it up."""
    WorkflowPage.objects.update_or_create(
        page=opportunity_index, defaults={"workflow": Workflow.objects.get(name=roles.CONSULTATION_SIGNOFF)}
    )
    return opportunity_index


@pytest.fixture
def world(users, signoff_index, home):
    """The permission matrix's world: a user for each role, made before each case (permission_matrix.py)."""
    return World(users, signoff_index, home)
