"""Fixtures for the browser tests: Debian's Chromium driven by Playwright, and the demo site.

One Chromium runs for all the browser tests (launched on first use, closed after the last) and
each test gets a fresh context and page, so tests share no cookies or state. Chromium starts with
the flags that keep it off the network, in a fresh profile directory that Playwright makes for
each launch. Without /usr/bin/chromium the tests skip, or fail when CI_REQUIRE_CHECKERS is set.

The site is pytest-django's `live_server` with the demo content loaded through
`manage.py load_demo_content`. The live server answers from another thread, so the data must be
committed: the tests are transactional, and with `serialized_rollback` each one starts from the
database the migrations made, even after another transactional test has emptied it.

On SQLite the test database is in memory, and Django hands every request thread of the live server
the same connection. Two requests at once (a page load beside the editor's autosave) then trip over
each other's savepoints ("no such savepoint"), so there the live server answers one request at a
time, on its own thread, with each connection closed after its answer.
"""

import json
import os

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.color import no_style
from django.core.servers.basehttp import WSGIServer
from django.db import connection, connections
from django.test.testcases import LiveServerThread
from playwright.sync_api import expect

from public_site.tests.checkers import chromium_path
from public_site.tests.demo import load_demo_content


class OneRequestAtATime(WSGIServer):
    """Django's single-threaded server; it answers `Connection: close`, so no client holds it."""

    def __init__(self, *args, connections_override=None, **kwargs):
        # The live server's thread has already taken the overridden connections (LiveServerThread.run).
        super().__init__(*args, **kwargs)


CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # Nothing but the live server resolves: the NHS.UK stylesheet's web fonts on assets.nhs.uk
    # would otherwise stall page loads while a lookup times out on machines without internet.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
]

# Assertions wait for the page as long as actions do: a shared CI machine answers a form post
# slowly, and a check made before the response has arrived is a flake, not a finding.
expect.set_options(timeout=10_000)

# Every browser test needs committed data that the live server's thread can read.
BROWSER_DB = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(scope="package")
def chromium(django_db_setup, django_db_blocker):
    """The Playwright Browser, shared by the browser tests and closed after the last of them."""
    executable = chromium_path()
    # Before `live_server` starts (demo_site asks for this fixture first), now that the test
    # database exists and is known to be in memory or not.
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        LiveServerThread.server_class = OneRequestAtATime
    from playwright.sync_api import sync_playwright

    # What `serialized_rollback` restores before each test: the database as the migrations made it.
    serialized = {
        alias: connections[alias]._test_serialized_contents
        for alias in connections
        if hasattr(connections[alias], "_test_serialized_contents")
    }
    with django_db_blocker.unblock():
        for alias, contents in serialized.items():
            restore_migrated_database(alias, contents)
    # Playwright's sync API runs an asyncio loop in this thread, so Django would refuse the
    # tests' own database calls as "async-unsafe" while the browser is up.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            # With that loop running, Django keeps this thread's connections in a context
            # variable rather than a thread local, so from here on the tests use new connection
            # objects. Give them what the old ones knew, or serialized rollback restores nothing.
            for alias, contents in serialized.items():
                connections[alias]._test_serialized_contents = contents
            browser = playwright.chromium.launch(
                executable_path=str(executable), headless=True, args=CHROMIUM_FLAGS
            )
            yield browser
            browser.close()
    # Each test ends by emptying the database. Leave it as the migrations made it, as other
    # tests do, for any transactional test that runs after these and expects the home page,
    # the groups and the workflows to be there.
    with django_db_blocker.unblock():
        for alias, contents in serialized.items():
            restore_migrated_database(alias, contents)


def restore_migrated_database(alias, contents):
    """Empty the database and load `contents`, the rows the migrations made, with their ids.

    Content types go first: an earlier transactional test may have emptied the database and
    post_migrate re-created them under other ids, and Wagtail's Page() asks for its content type
    while being loaded, which would otherwise insert a row that collides with the restored one.
    """
    connection = connections[alias]
    call_command(
        "flush",
        database=alias,
        interactive=False,
        inhibit_post_migrate=True,
        reset_sequences=False,
        verbosity=0,
    )
    ContentType.objects.clear_cache()
    content_types = [row for row in json.loads(contents) if row["model"] == "contenttypes.contenttype"]
    connection.creation.deserialize_db_from_string(json.dumps(content_types))
    connection.creation.deserialize_db_from_string(contents)
    ContentType.objects.clear_cache()
    # The rows came with their ids: move PostgreSQL's sequences past them, as loaddata does.
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), apps.get_models()):
            cursor.execute(sql)


@pytest.fixture
def demo_site(chromium, live_server, tmp_path):
    """The demo site under `live_server`; returns its base URL, e.g. http://localhost:41234."""
    assert os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE") == "true"
    load_demo_content(tmp_path / ".demo-password", hostname="localhost", port=live_server.thread.port)
    return live_server.url


@pytest.fixture
def browser_page(chromium, demo_site):
    """A page in a fresh browser context, with JavaScript; `page.goto("/about/")` works."""
    context = chromium.new_context(base_url=demo_site, viewport={"width": 1024, "height": 768})
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()
