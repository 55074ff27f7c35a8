"""Fixtures for the involvement tests: the two form pages, a privacy notice, and staff of each kind."""

import pytest
import wagtail_factories
from django.contrib.auth.models import Group, Permission

from involvement.models import FeedbackPage, RegisterPage
from pages.tests.factories import StandardPageFactory, TopicFactory


class RegisterPageFactory(wagtail_factories.PageFactory):
    title = "Join our involvement register"
    slug = "join"

    class Meta:
        model = RegisterPage


class FeedbackPageFactory(wagtail_factories.PageFactory):
    title = "Share your experience"
    slug = "share-your-experience"

    class Meta:
        model = FeedbackPage


@pytest.fixture
def privacy_notice(home):
    page = StandardPageFactory(parent=home, title="Privacy notice", slug="privacy-notice")
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def register_page(opportunity_index, privacy_notice):
    page = RegisterPageFactory(parent=opportunity_index, privacy_notice=privacy_notice)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def feedback_page(home, privacy_notice):
    page = FeedbackPageFactory(parent=home, privacy_notice=privacy_notice)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def topics(db):
    return [
        TopicFactory(name="Urgent care"),
        TopicFactory(name="Maternity"),
        TopicFactory(name="Mental health"),
    ]


def _user(django_user_model, username, *, group=None, superuser=False):
    if superuser:
        return django_user_model.objects.create_superuser(username, f"{username}@example.com", "pw")
    user = django_user_model.objects.create_user(username, f"{username}@example.com", "pw")
    if group:
        user.groups.add(Group.objects.get_or_create(name=group)[0])
    return user


@pytest.fixture
def engagement_user(django_user_model):
    return _user(django_user_model, "engagement", group="Engagement team")


@pytest.fixture
def editor_user(django_user_model):
    user = _user(django_user_model, "editor", group="Editors")
    # Whatever the Editors group is given, it reaches the admin.
    user.groups.get().permissions.add(Permission.objects.get(codename="access_admin"))
    return user


@pytest.fixture
def staff_user(django_user_model):
    user = _user(django_user_model, "staff")
    user.is_staff = True
    user.save()
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


@pytest.fixture
def superuser(django_user_model):
    return _user(django_user_model, "admin", superuser=True)
