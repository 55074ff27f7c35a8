"""The RQ backend while Redis cannot be reached: what a saved row needs (Wagtail's reference index,
the search index) happens in the request, so the row is stored; any other task still fails to
enqueue, for its caller to handle (messages are found again by the sweeper)."""

import pytest
from django.db import transaction
from django.test import override_settings
from django_tasks import task
from redis.exceptions import RedisError
from wagtail.tasks import update_reference_index_task

from messaging.tests.smtp import free_port
from pages.models import StandardPage
from pages.tests.factories import StandardPageFactory


@task()
def anything_else():
    return "ran"


@pytest.fixture
def redis_down():
    """Tasks on RQ, with RQ's Redis on a port where nothing listens."""
    dead = f"redis://127.0.0.1:{free_port()}/0"
    with override_settings(
        TASKS={"default": {"BACKEND": "core.task_backends.RQBackend"}},
        RQ_QUEUES={"default": {"URL": dead}},
        RQ={"JOB_CLASS": "django_tasks_rq.backend.Job"},
    ):
        yield


@pytest.mark.django_db
def test_a_page_saved_while_redis_is_down_is_stored_and_indexed(redis_down, home):
    with transaction.atomic():
        page = StandardPageFactory(parent=home, title="Saved while Redis restarts", slug="saved")
    assert StandardPage.objects.filter(pk=page.pk).exists()
    result = update_reference_index_task.enqueue("pages", "standardpage", str(page.pk))
    assert result.status == "SUCCESSFUL"


@pytest.mark.django_db
def test_any_other_task_still_fails_to_enqueue(redis_down):
    with pytest.raises(RedisError):
        anything_else.enqueue()
