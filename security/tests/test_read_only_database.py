"""A database that answers but takes no writes (maintenance, a replica, a full disk): search still
answers, /healthz says what is wrong, and the forms say they could not save, keeping what was typed."""

import contextlib

import pytest
from django.db import connection
from wagtail.contrib.search_promotions.models import Query

from involvement.models import Member
from involvement.models.pages import NOT_STORED_MESSAGE
from involvement.tests import test_register_form as register
from involvement.tests.conftest import privacy_notice, register_page, topics  # noqa: F401
from pages.tests.factories import OpportunityPageFactory


@contextlib.contextmanager
def read_only():
    """The database refuses writes, as a read-only PostgreSQL server or SQLite file does."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
        else:
            cursor.execute("PRAGMA query_only = ON")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE")
            else:
                cursor.execute("PRAGMA query_only = OFF")


# Committed, so the database's own read-only mode applies to every statement of the request.
READ_ONLY_DB = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@READ_ONLY_DB
def test_search_answers_without_counting_the_search(client, opportunity_index):
    OpportunityPageFactory(parent=opportunity_index, title="Wheelchair services survey")
    client.get("/")  # a live site has its settings row already: the first page view makes it
    with read_only():
        response = client.get("/search/?q=wheelchair")
    assert response.status_code == 200
    assert "Wheelchair services survey" in response.content.decode()
    assert not Query.objects.exists()


@READ_ONLY_DB
def test_healthz_reports_a_database_that_takes_no_writes(client):
    assert client.get("/healthz").json() == {"database": "ok", "cache": "ok"}
    with read_only():
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"database": "read-only", "cache": "ok"}


@READ_ONLY_DB
def test_a_form_that_cannot_be_saved_says_so_and_keeps_what_was_typed(client, register_page, topics):  # noqa: F811
    data = register.form_data(register_page, topics, access_needs="A hearing loop, please")
    client.get(register.URL)  # a live site has its settings row already: the first page view makes it
    with read_only():
        response = client.post(register.URL, data)
    register.assert_refused(
        response, NOT_STORED_MESSAGE, "Robin Example", "robin@example.com", "A hearing loop"
    )
    assert not Member.objects.exists()
    # The slot it took in the rate limit was given back: it can be sent again at once.
    assert client.post(register.URL, data).status_code == 302
