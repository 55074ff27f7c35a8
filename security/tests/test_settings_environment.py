"""Settings from the environment: the README's mail examples really encrypt, bad values say what is wrong.

django-environ parses EMAIL_URL: smtp+tls:// turns on STARTTLS, smtp+ssl:// SSL. The parser the
site used before did not know smtp+tls:// and silently sent mail, password and all, unencrypted.
"""

import re
from pathlib import Path

import pytest
from django.core.checks import run_checks
from django.core.exceptions import ImproperlyConfigured

from public_site.tests.test_production_settings import run_with_production_settings
from security.checks import check_mail_encryption
from settings.environment import Env

# Where the mail settings are documented.
README = Path(__file__).resolve().parents[2] / "docs" / "configuration.md"
PRINT_MAIL = (
    "import django; django.setup(); from django.conf import settings as s; "
    "print(s.MESSAGING_TRANSPORT_BACKEND, s.EMAIL_HOST, s.EMAIL_PORT, s.EMAIL_HOST_USER, "
    "s.EMAIL_HOST_PASSWORD, s.EMAIL_USE_TLS, s.EMAIL_USE_SSL)"
)


def readme_mail_examples():
    """Every `smtp+…://…:port` the README shows, with the encryption it says the port has."""
    return re.findall(r"`(smtp\+(?:tls|ssl)://[^`\s]+:(\d+))`", README.read_text())


def test_the_readme_shows_both_kinds_of_encrypted_mail():
    assert {port for _url, port in readme_mail_examples()} == {"587", "465"}


@pytest.mark.parametrize("url, port", readme_mail_examples())
def test_the_readme_mail_examples_are_encrypted_as_promised(url, port):
    result = run_with_production_settings(PRINT_MAIL, SECRET_KEY="x" * 60, EMAIL_URL=url)
    assert result.returncode == 0, result.stderr
    backend, host, got_port, user, password, tls, ssl = result.stdout.split()
    assert backend == "django.core.mail.backends.smtp.EmailBackend"
    assert (host, got_port, user, password) == ("smtp.example.org", port, "user", "pass")
    # 587 is STARTTLS (the connection is upgraded after it opens); 465 is SSL from the start.
    assert (tls, ssl) == (("True", "False") if port == "587" else ("False", "True"))


def mail_errors(settings, url):
    config = Env.email_url_config(url)
    for name, value in config.items():
        setattr(settings, name, value)
    # The outbox's worker sends with the backend EMAIL_URL names (settings/base.py).
    settings.MESSAGING_TRANSPORT_BACKEND = config["EMAIL_BACKEND"]
    settings.EMAIL_USE_TLS = config.get("EMAIL_USE_TLS", False)
    settings.EMAIL_USE_SSL = config.get("EMAIL_USE_SSL", False)
    return {error.id for error in check_mail_encryption()}


@pytest.mark.parametrize(
    "url, errors",
    [
        ("smtp+tls://user:pass@smtp.example.org:587", set()),
        ("smtp+ssl://user:pass@smtp.example.org:465", set()),
        ("smtp://localhost:25", set()),
        ("smtp://user:pass@smtp.example.org:25", {"security.E202"}),
        # django-environ's smtps:// is STARTTLS, which a port-465 server never answers.
        ("smtps://user:pass@smtp.example.org:465", {"security.E203"}),
        ("smtp+ssl://user:pass@smtp.example.org:587", {"security.E204"}),
    ],
)
def test_the_deploy_checks_refuse_unencrypted_or_mismatched_mail(settings, url, errors):
    assert mail_errors(settings, url) == errors


def test_the_mail_checks_run_with_the_deploy_checks(settings):
    mail_errors(settings, "smtp://user:pass@smtp.example.org:25")
    assert "security.E202" in {error.id for error in run_checks(include_deployment_checks=True)}


def env(**values):
    instance = Env()
    instance.ENVIRON = values
    return instance


@pytest.mark.parametrize(
    "read, message",
    [
        (
            lambda e: e.int("PAGE_CACHE_SECONDS", default=600),
            "PAGE_CACHE_SECONDS must be a whole number, not 'ten'.",
        ),
        (
            lambda e: e.bool("SECURE_SSL_REDIRECT", default=True),
            "SECURE_SSL_REDIRECT must be true or false, not 'ten'.",
        ),
    ],
)
def test_a_bad_value_names_the_variable_and_what_it_should_be(read, message):
    with pytest.raises(ImproperlyConfigured) as error:
        read(env(PAGE_CACHE_SECONDS="ten", SECURE_SSL_REDIRECT="ten"))
    assert str(error.value) == message


def test_true_and_false_are_read_strictly_and_empty_means_unset():
    values = env(A="Yes", B="off", C="0", D="", E="ture")
    assert [values.bool(name, default=None) for name in "ABCD"] == [True, False, False, None]
    with pytest.raises(ImproperlyConfigured, match="E must be true or false"):
        values.bool("E", default=False)


def test_an_address_with_a_password_is_never_repeated_in_an_error():
    with pytest.raises(ImproperlyConfigured) as error:
        env(DATABASE_URL="postgres://user:s3cret@db:notaport/engage").db_url("DATABASE_URL")
    assert "s3cret" not in str(error.value)
    with pytest.raises(ImproperlyConfigured) as error:
        env(EMAIL_URL="smtq://user:s3cret@smtp.example.org:587").email_url("EMAIL_URL")
    assert "s3cret" not in str(error.value) and "smtp+tls://" in str(error.value)


def test_a_value_starting_with_a_dollar_is_taken_as_it_is():
    assert env(SECRET_KEY="$abc-not-a-variable-name").str("SECRET_KEY") == "$abc-not-a-variable-name"


def test_production_stops_with_the_name_of_a_bad_setting():
    result = run_with_production_settings(
        "import django; django.setup()", SECRET_KEY="x" * 60, PAGE_CACHE_SECONDS="ten"
    )
    assert result.returncode != 0
    assert "PAGE_CACHE_SECONDS must be a whole number, not 'ten'." in result.stderr
