"""The task queue on Redis (TASKS_BACKEND=rq): django-tasks-rq's backend, with urgent tasks first.

An RQ queue is one list that its workers take from the front. django-tasks-rq puts a task of
TASK_MAX_PRIORITY at the front already, but it refuses every priority (it does not claim to support
them), so nothing could ask for that. This backend accepts the two priorities RQ can honour: the
default (to the back, in turn) and TASK_MAX_PRIORITY (to the front, before any backlog), such as the
CDN purge after a publish (public_site/frontend_cache.py), which must not wait behind thousands of
queued emails. Any other priority is refused rather than silently ignored. The database backend
(the default) orders its whole queue by priority, so the same task is urgent there too.

When Redis cannot be reached, the tasks that keep an index in step with a saved row (Wagtail's
reference index, the search index) run at once in the request instead, as they would with no
queue at all. Wagtail queues them from post_save, inside the transaction that stores a public
form, so without this a feedback form or a booking posted while Redis restarts would be rolled
back and answered with a 500. Any other task still fails to enqueue, for its caller to handle:
messages are queued after the commit and found again by the sweeper (messaging/tasks.py).
"""

import logging

from django_tasks.backends.immediate import ImmediateBackend
from django_tasks.base import DEFAULT_TASK_PRIORITY, TASK_MAX_PRIORITY
from django_tasks.exceptions import InvalidTaskError
from django_tasks_rq.backend import RQBackend as BaseRQBackend
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

URGENT = TASK_MAX_PRIORITY

# Cheap, and rebuilt whole by `rebuild_references_index` and `update_index` if one is ever lost.
RUN_HERE_WHEN_REDIS_IS_DOWN = {
    "wagtail.tasks.update_reference_index_task",
    "modelsearch.tasks.insert_or_update_object_task",
}


class RQBackend(BaseRQBackend):
    """RQ with two priorities: in turn, or first (see the module docstring)."""

    supports_priority = True

    def validate_task(self, task):
        super().validate_task(task)
        if task.priority not in (DEFAULT_TASK_PRIORITY, URGENT):
            raise InvalidTaskError(
                f"On RQ a task is either in turn (priority {DEFAULT_TASK_PRIORITY}) or first "
                f"(priority {URGENT}); {task.priority} cannot be honoured."
            )

    def enqueue(self, task, args, kwargs):
        try:
            return super().enqueue(task, args, kwargs)
        except RedisError:
            if task.module_path not in RUN_HERE_WHEN_REDIS_IS_DOWN:
                raise
            logger.warning("Redis is unreachable: running %s in the request instead", task.module_path)
            here = ImmediateBackend(self.alias, {"QUEUES": list(self.queues)})
            return here.enqueue(task, args, kwargs)
