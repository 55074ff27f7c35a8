"""Signing in to the admin: lockout after repeated failures, unlocking by an administrator, the
password rules, and sessions that end after 30 minutes without activity."""

from datetime import timedelta
from unittest import mock

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

LOGIN = "/admin/login/"
PASSWORD = "correct horse battery staple"
HOME = "203.0.113.10"
ELSEWHERE = "198.51.100.20"


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user("robin", "robin@example.com", PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def sign_in(client, password, address=HOME, username="robin"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def assert_signed_in(response):
    assert response.status_code == 302 and response.url == "/admin/", response.status_code


@pytest.mark.django_db
def test_five_failures_lock_the_account_from_that_address_with_a_clear_message(client, editor):
    for _ in range(4):
        response = sign_in(client, "wrong password")
        assert response.status_code == 200
        assert "Your username and password didn" in response.content.decode()
    locked = sign_in(client, "wrong password")
    assert locked.status_code == 429
    text = locked.content.decode()
    assert "Sign-in locked" in text
    assert "Try again in 1\xa0hour" in text
    assert "ask an administrator to unlock your account" in text

    # Even the right password is refused from that address while locked...
    refused = sign_in(client, PASSWORD)
    assert refused.status_code == 429
    assert "Sign-in locked" in refused.content.decode()
    # ...but not from another one: the lock is per username and address.
    assert_signed_in(sign_in(Client(), PASSWORD, address=ELSEWHERE))


@pytest.mark.django_db
def test_a_success_before_the_limit_clears_the_count(client, editor):
    for _ in range(4):
        sign_in(client, "wrong password")
    assert_signed_in(sign_in(client, PASSWORD))
    for _ in range(4):
        assert sign_in(Client(), "wrong password").status_code == 200
    assert_signed_in(sign_in(Client(), PASSWORD))


@pytest.mark.django_db
def test_the_lock_lifts_after_an_hour(client, editor):
    for _ in range(5):
        sign_in(client, "wrong password")
    assert sign_in(client, PASSWORD).status_code == 429
    # An hour and a minute pass since the last failed attempt.
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(hours=1, minutes=1))
    assert_signed_in(sign_in(Client(), PASSWORD))


@pytest.mark.django_db
def test_a_superuser_unlocks_a_locked_account_in_the_admin(client, editor, admin_client):
    for _ in range(5):
        sign_in(client, "wrong password")
    assert sign_in(client, PASSWORD).status_code == 429

    listing = admin_client.get(reverse("sign_in_lockouts:index"))
    assert listing.status_code == 200
    text = listing.content.decode()
    assert "robin" in text and HOME in text and "Locked" in text
    attempt = AccessAttempt.objects.get(username="robin")
    delete_url = reverse("sign_in_lockouts:delete", args=[attempt.pk])
    assert delete_url in text
    assert admin_client.get(delete_url).status_code == 200
    assert admin_client.post(delete_url).status_code == 302

    assert not AccessAttempt.objects.exists()
    assert_signed_in(sign_in(Client(), PASSWORD))


@pytest.mark.django_db
def test_only_superusers_see_or_clear_lockouts(client, editor, django_user_model):
    for _ in range(5):
        sign_in(Client(), "wrong password")
    attempt = AccessAttempt.objects.get(username="robin")
    engagement = django_user_model.objects.create_user("sam", password=PASSWORD, is_staff=True)
    engagement.groups.add(Group.objects.get(name="Engagement team"))
    client.force_login(engagement)
    assert "Sign-in lockouts" not in client.get("/admin/").content.decode()
    assert client.get(reverse("sign_in_lockouts:index")).status_code in (302, 403)
    client.post(reverse("sign_in_lockouts:delete", args=[attempt.pk]))
    assert AccessAttempt.objects.filter(pk=attempt.pk).exists()


@pytest.mark.django_db
def test_the_lockout_can_be_cleared_from_the_command_line(client, editor):
    from django.core.management import call_command

    for _ in range(5):
        sign_in(client, "wrong password")
    call_command("axes_reset_username", "robin", verbosity=0)
    assert_signed_in(sign_in(client, PASSWORD))


@pytest.mark.parametrize("password", ["short1!Aa", "Abcdefgh123", "password1234", "123456789012"])
def test_weak_passwords_are_refused(password):
    with pytest.raises(ValidationError):
        validate_password(password)


def test_a_long_uncommon_password_is_accepted():
    validate_password("moss-lantern-quarry-47")


@pytest.mark.django_db
def test_the_admin_session_ends_after_30_minutes_without_activity(client, editor):
    start = timezone.now()

    def at(minutes):
        return mock.patch("django.utils.timezone.now", return_value=start + timedelta(minutes=minutes))

    with at(0):
        assert_signed_in(sign_in(client, PASSWORD))
    # Each request counts as activity and restarts the 30 minutes...
    for minutes in (25, 50, 75):
        with at(minutes):
            assert client.get("/admin/").status_code == 200
    # ...but after 31 minutes without one, the next request asks to sign in again.
    with at(75 + 31):
        response = client.get("/admin/")
    assert response.status_code == 302
    assert response.url.startswith(LOGIN)


@pytest.mark.django_db
def test_the_session_cookie_lasts_only_until_the_browser_closes(client, editor):
    response = sign_in(client, PASSWORD)
    cookie = response.cookies["sessionid"]
    assert cookie["httponly"]
    assert not cookie["expires"] and not cookie["max-age"]
