"""The CDN purge after a publish (public_site/frontend_cache.py): one task with the page and its
listings, queued first and only once the publish is committed; on RQ, first means the front of the
queue (core/task_backends.py). The cluster run (docs/cluster.md, check 1) shows the same through
nginx with a busy worker."""

import json

import pytest
from django.test import override_settings
from django_tasks import default_task_backend
from django_tasks.base import DEFAULT_TASK_PRIORITY, TASK_MAX_PRIORITY
from django_tasks.exceptions import InvalidTaskError
from wagtail.signals import page_published, page_unpublished

from pages.tests.factories import StandardPageFactory
from public_site import frontend_cache
from public_site.tests.checkers import unavailable
from public_site.tests.test_production_settings import run_with_production_settings

DUMMY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@pytest.fixture
def purging():
    """The handlers as connect() wires them when a frontend cache is configured; tasks kept, not run."""
    with override_settings(TASKS=DUMMY):
        page_published.connect(frontend_cache.purge_page, dispatch_uid="test_purge_published")
        page_unpublished.connect(frontend_cache.purge_page, dispatch_uid="test_purge_unpublished")
        default_task_backend.clear()
        try:
            yield default_task_backend
        finally:
            page_published.disconnect(dispatch_uid="test_purge_published")
            page_unpublished.disconnect(dispatch_uid="test_purge_unpublished")


def purges(backend):
    return [r for r in backend.results if r.task.module_path.endswith("purge_urls_from_cache_task")]


@pytest.mark.django_db
def test_a_publish_queues_one_purge_of_the_page_and_its_listings_first_and_after_the_commit(
    home, purging, django_capture_on_commit_callbacks
):
    page = StandardPageFactory(parent=home, title="Parking at the hospital", slug="parking")
    purging.clear()
    with django_capture_on_commit_callbacks(execute=True):
        page.title = "Parking at the hospital: new charges"
        page.save_revision().publish()
        assert purges(purging) == []  # nothing reaches the worker before the commit
    [purge] = purges(purging)
    assert purge.task.priority == TASK_MAX_PRIORITY
    urls = purge.args[0]
    assert {"http://testserver/parking/", "http://testserver/", "http://testserver/sitemap.xml"} <= set(urls)
    assert len(urls) == len(set(urls))


@pytest.mark.django_db
def test_an_unpublish_purges_too(home, purging, django_capture_on_commit_callbacks):
    page = StandardPageFactory(parent=home, title="Old page", slug="old-page")
    purging.clear()
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    [purge] = purges(purging)
    assert "http://testserver/old-page/" in purge.args[0]


@pytest.mark.django_db
def test_a_publish_rolled_back_purges_nothing(home, purging, django_capture_on_commit_callbacks):
    page = StandardPageFactory(parent=home, title="Draft", slug="draft-page")
    purging.clear()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        page.save_revision().publish()
    # The test's own transaction is rolled back: the captured callback is never run.
    assert purges(purging) == [] and callbacks


def test_with_a_purge_url_wagtails_own_page_handlers_are_replaced_by_this_one():
    """Under the production settings with FRONTEND_CACHE_PURGE_URL, only public_site's handler purges."""
    code = (
        "import django, json; django.setup()\n"
        "from wagtail.signals import page_published\n"
        "from pages.models import StandardPage\n"
        "receivers = page_published._live_receivers(StandardPage)[0]\n"
        "names = [f'{r.__module__}.{r.__qualname__}' for r in receivers]\n"
        "print(json.dumps(names))\n"
    )
    result = run_with_production_settings(
        code,
        SECRET_KEY="test-only-" + "x" * 50,
        ALLOWED_HOSTS="engage.example.nhs.uk",
        DATABASE_URL="sqlite:////tmp/unused-frontend-purge.sqlite3",
        FRONTEND_CACHE_PURGE_URL="http://127.0.0.1:8090",
    )
    assert result.returncode == 0, result.stderr
    receivers = json.loads(result.stdout.strip().splitlines()[-1])
    assert "public_site.frontend_cache.purge_page" in receivers
    assert not [name for name in receivers if name.startswith("wagtail.contrib.frontend_cache")]


def test_on_rq_a_task_is_either_in_turn_or_first():
    from core.task_backends import RQBackend

    backend = RQBackend("default", {"QUEUES": ["default"], "OPTIONS": {}})
    task = frontend_cache.purge_task()
    backend.validate_task(task)
    backend.validate_task(task.using(priority=DEFAULT_TASK_PRIORITY))
    with pytest.raises(InvalidTaskError, match="cannot be honoured"):
        backend.validate_task(task.using(priority=50))


@pytest.fixture
def rq_queue(settings):
    """django-rq's default queue on the test's Redis database (TEST_REDIS_URL), emptied around the test."""
    import django_rq
    import redis

    try:
        connection = redis.Redis.from_url(settings.TEST_REDIS_URL, socket_connect_timeout=2)
        connection.ping()
    except redis.RedisError as error:
        unavailable(f"Redis is not reachable at {settings.TEST_REDIS_URL} ({error})")
    connection.flushdb()
    settings.RQ_QUEUES = {"default": {"URL": settings.TEST_REDIS_URL}}
    settings.TASKS = {"default": {"BACKEND": "core.task_backends.RQBackend"}}
    yield django_rq.get_queue("default")
    connection.flushdb()


def test_on_rq_the_purge_goes_before_the_tasks_already_waiting(rq_queue):
    task = frontend_cache.purge_task()
    waiting = [task.using(priority=DEFAULT_TASK_PRIORITY).enqueue([f"http://x/{n}/"]) for n in range(3)]
    urgent = task.enqueue(["http://x/published/"])
    assert rq_queue.job_ids == [urgent.id, *(result.id for result in waiting)]
