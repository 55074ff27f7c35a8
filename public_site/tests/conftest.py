"""Fixtures for the public site's tests."""

import pytest
from django.db import transaction

from public_site.tests.demo import load_demo_content


@pytest.fixture(scope="module")
def demo_content(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo site, loaded once for the module and undone when the module is done.

    For tests that fetch pages with Django's test client; tests still ask for `db`.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        load_demo_content(tmp_path_factory.mktemp("demo") / ".demo-password")
        yield
        transaction.set_rollback(True)
