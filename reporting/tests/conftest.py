"""Fixtures for the reporting tests: staff users, and a way to make dated records quickly."""

import pytest
from django.contrib.auth.models import Group

from core import roles


@pytest.fixture
def editor(django_user_model):
    """A member of the Editors group: may add and change pages, never publish."""
    user = django_user_model.objects.create_user("editor", "editor@example.org", "pw")
    user.groups.add(Group.objects.get(name=roles.EDITORS))
    return user


@pytest.fixture
def lay_member(django_user_model):
    """An approver with admin access and no page permissions."""
    user = django_user_model.objects.create_user("lay", "lay@example.org", "pw")
    user.groups.add(Group.objects.get(name=roles.LAY_MEMBERS))
    return user
