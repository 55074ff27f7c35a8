"""Behind the documented proxy, the sign-in lockout and the forms' rate limit hit only the attacker.

Every request reaches gunicorn from the proxy's address; the client's own address is the last entry
the proxy appends to X-Forwarded-For (core/addresses.py). Production must say how many proxies
there are: it refuses to start otherwise, and the deploy check refuses any settings that trust
X-Forwarded-Proto without saying.
"""

import pytest
from django.contrib.auth.models import Group
from django.core import checks
from django.test import Client

from involvement.models import Member
from involvement.spam import RATE_LIMIT_MESSAGE
from involvement.tests import test_register_form as register
from involvement.tests.conftest import privacy_notice, register_page, topics  # noqa: F401
from public_site.tests.test_production_settings import run_with_production_settings
from security.checks import check_trusted_proxies

PROXY = "10.0.0.1"
ATTACKER = "203.0.113.66"
VISITOR = "198.51.100.20"
PASSWORD = "correct horse battery staple"


def through_proxy(client_address, spoofed=None):
    """What the proxy sends gunicorn: its own address, and the client's appended to any header sent."""
    forwarded = f"{spoofed}, {client_address}" if spoofed else client_address
    return {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": forwarded}


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user("robin", "robin@example.com", PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def sign_in(password, address, spoofed=None):
    return Client().post(
        "/admin/login/", {"username": "robin", "password": password}, **through_proxy(address, spoofed)
    )


@pytest.mark.django_db
def test_an_attacker_behind_the_proxy_locks_out_only_themselves(settings, editor):
    settings.TRUSTED_PROXIES = 1
    for _ in range(5):
        sign_in("wrong password", ATTACKER)
    assert sign_in(PASSWORD, ATTACKER).status_code == 429
    # Claiming to be the visitor changes nothing: the proxy appends the attacker's real address.
    assert sign_in(PASSWORD, ATTACKER, spoofed=VISITOR).status_code == 429
    # The real user, through the same proxy, signs in.
    response = sign_in(PASSWORD, VISITOR)
    assert response.status_code == 302 and response.url == "/admin/"


@pytest.mark.django_db
def test_without_the_setting_behind_a_proxy_everyone_is_locked_out(settings, editor):
    """What TRUSTED_PROXIES=0 behind a proxy does, which is why production makes it be stated."""
    settings.TRUSTED_PROXIES = 0
    for _ in range(5):
        sign_in("wrong password", ATTACKER)
    assert sign_in(PASSWORD, VISITOR).status_code == 429


@pytest.mark.django_db
def test_the_rate_limit_behind_the_proxy_counts_each_visitor(settings, client, register_page, topics):  # noqa: F811
    settings.TRUSTED_PROXIES = 1
    settings.INVOLVEMENT_RATE_LIMIT = (2, 3600)
    for n in range(2):
        data = register.form_data(register_page, topics, email=f"bot{n}@example.com")
        assert client.post(register.URL, data, **through_proxy(ATTACKER)).status_code == 302
    refused = client.post(
        register.URL,
        register.form_data(register_page, topics, email="bot9@example.com"),
        **through_proxy(ATTACKER, spoofed="192.0.2.1"),
    )
    register.assert_refused(refused, RATE_LIMIT_MESSAGE, "bot9@example.com")
    accepted = client.post(
        register.URL,
        register.form_data(register_page, topics, email="resident@example.com"),
        **through_proxy(VISITOR),
    )
    assert accepted.status_code == 302
    assert sorted(Member.objects.values_list("email", flat=True)) == [
        "bot0@example.com",
        "bot1@example.com",
        "resident@example.com",
    ]


def test_production_refuses_to_start_without_the_number_of_proxies():
    result = run_with_production_settings(
        "import django; django.setup()", SECRET_KEY="x" * 60, TRUSTED_PROXIES=""
    )
    assert result.returncode != 0
    assert "Set the TRUSTED_PROXIES environment variable" in result.stderr


@pytest.mark.parametrize("proxies, header", [("1", "('HTTP_X_FORWARDED_PROTO', 'https')"), ("0", "None")])
def test_production_trusts_x_forwarded_proto_only_behind_a_proxy(proxies, header):
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.TRUSTED_PROXIES, s.SECURE_PROXY_SSL_HEADER)"
    )
    result = run_with_production_settings(code, SECRET_KEY="x" * 60, TRUSTED_PROXIES=proxies)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"{proxies} {header}"


def test_the_deploy_check_fails_when_the_proxy_header_is_trusted_without_a_count(settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.TRUSTED_PROXIES = None
    [error] = check_trusted_proxies()
    assert error.id == "security.E201" and error.level == checks.ERROR
    settings.TRUSTED_PROXIES = 1
    assert check_trusted_proxies() == []
    # It runs with the deploy checks.
    settings.TRUSTED_PROXIES = None
    assert "security.E201" in {e.id for e in checks.run_checks(include_deployment_checks=True)}
