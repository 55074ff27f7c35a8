"""With Redis unreachable (here: a Redis URL on a closed port) nothing a visitor or an editor does
turns into an error: pages render without the page cache, the forms are accepted with the rate
limit failing open (and a warning logged), the sign-in lockout (in the database) keeps counting,
and a session (in the database) keeps a signed-in editor signed in. docs/deployment.md says so."""

import logging
import socket

import pytest
from axes.models import AccessAttempt
from django.core.cache import caches
from django.test import Client

from core.ratelimit import RateLimit
from involvement.models import Feedback, Member
from involvement.tests.test_forms_and_page_cache import feedback_data, register_data, view_twice_then_send
from settings.caches import cache_settings

PASSWORD = "correct horse battery staple"


def closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def redis_down(settings):
    settings.CACHES = cache_settings(f"redis://127.0.0.1:{closed_port()}/1")
    assert type(caches["default"]).__name__ == "ResilientRedisCache"
    yield
    # the conftest's empty_cache clears every initialised cache after the test: give it reachable ones
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


@pytest.mark.django_db
def test_pages_render_and_are_not_cached_while_redis_is_down(client, feedback_page, redis_down):
    url = f"{feedback_page.url}thank-you/"
    for _ in range(3):
        response = client.get(url)
        assert response.status_code == 200
        assert response.get("X-Page-Cache") != "hit"
    assert client.get("/no-such-page/").status_code == 404


@pytest.mark.django_db
def test_the_forms_are_accepted_with_the_rate_limit_open_and_a_warning(
    settings, register_page, topics, feedback_page, redis_down, caplog
):
    settings.INVOLVEMENT_RATE_LIMIT = 1  # with a working cache the second sending would be refused
    with caplog.at_level(logging.WARNING):
        for number in range(3):
            data = {**feedback_data(), "email": f"pat{number}@example.com"}
            response = view_twice_then_send(feedback_page.url, data)
            assert response.status_code == 302, response.status_code
        response = view_twice_then_send(register_page.url, register_data(register_page, topics))
        assert response.status_code == 302 and response["Location"].endswith("/thank-you/")
    assert Feedback.objects.count() == 3 and Member.objects.count() == 1
    assert "Rate limit not applied: the cache is unreachable" in caplog.text


@pytest.mark.django_db
def test_a_rate_limit_with_no_cache_counts_nothing_and_gives_nothing_back(redis_down):
    limit = RateLimit("test", "someone", limit=1, window=60)
    assert limit.take() and limit.take()
    assert limit.count() == 0 and not limit.exceeded()
    limit.release()


@pytest.mark.django_db
def test_the_lockout_and_sessions_do_not_need_redis(django_user_model, redis_down):
    django_user_model.objects.create_superuser("robin", "robin@example.com", PASSWORD)
    browser = Client()
    for _ in range(5):
        response = browser.post("/admin/login/", {"username": "robin", "password": "wrong"})
    assert response.status_code == 429 and "Sign-in locked" in response.content.decode()
    assert AccessAttempt.objects.get().failures_since_start == 5

    other = Client(REMOTE_ADDR="198.51.100.20")
    response = other.post("/admin/login/", {"username": "robin", "password": PASSWORD})
    assert response.status_code == 302 and response.url == "/admin/"
    assert other.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_the_health_check_names_the_cache_as_down(client, redis_down):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"database": "ok", "cache": "failed"}
