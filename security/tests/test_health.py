"""GET /healthz: 200 with each check's result when the database and cache answer, 503 naming what failed."""

from unittest import mock

import pytest
from django.db import connections
from django.db.migrations.recorder import MigrationRecorder
from django.db.utils import OperationalError
from django.test import override_settings

from security.health import WRITE_PROBE


@pytest.mark.django_db
def test_healthy(client, django_assert_max_num_queries):
    # SELECT 1, and the write probe in a transaction rolled back (savepoints in a test).
    with django_assert_max_num_queries(5):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "cache": "ok"}
    assert "no-store" in response.headers["Cache-Control"]
    assert response.cookies == {}


@pytest.mark.django_db
def test_a_database_failure_is_a_503_naming_it(client):
    refused = OperationalError("could not connect to server")
    with mock.patch.object(connections["default"], "cursor", side_effect=refused):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"database": "failed", "cache": "ok"}
    assert "no-store" in response.headers["Cache-Control"]


@pytest.mark.django_db
def test_a_cache_failure_is_a_503_naming_it(client):
    with mock.patch("django.core.cache.cache.get", return_value=None):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"database": "ok", "cache": "failed"}


@pytest.mark.django_db
@override_settings(ALLOWED_HOSTS=["engage.example.nhs.uk"], SECURE_SSL_REDIRECT=True)
def test_a_load_balancer_can_poll_by_address_over_plain_http(client):
    # Any other address with this Host header is refused, and plain HTTP is redirected.
    assert client.get("/", HTTP_HOST="10.0.0.7").status_code == 400
    assert client.get("/", HTTP_HOST="engage.example.nhs.uk").status_code == 301
    response = client.get("/healthz", HTTP_HOST="10.0.0.7")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "cache": "ok"}


@pytest.mark.django_db
def test_the_health_check_writes_nothing_to_the_database(client, django_assert_max_num_queries):
    before = list(MigrationRecorder.Migration.objects.values_list("id", "app", "name"))
    with django_assert_max_num_queries(5) as queries:
        client.get("/healthz")
    statements = [query["sql"] for query in queries.captured_queries]
    # A read, and an update that matches no row (to learn whether the database takes writes),
    # inside a transaction that is rolled back.
    assert [sql for sql in statements if "SAVEPOINT" not in sql] == ["SELECT 1", WRITE_PROBE]
    assert list(MigrationRecorder.Migration.objects.values_list("id", "app", "name")) == before
