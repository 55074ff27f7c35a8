"""A task backend that runs each task in a background thread of the process that enqueued it.

For work a request must not wait for, such as sending an email over SMTP: the request returns at
once and takes the same time whatever the task does. Django's "immediate" backend would run the
task inside the request. Tasks here are not kept anywhere: one that was queued when its process
stopped is lost, so use it only for work that can be asked for again (a password reset email).
Python finishes the queued tasks before the process exits normally.
"""

import threading
from concurrent.futures import ThreadPoolExecutor

from django_tasks.backends.immediate import ImmediateBackend


class BackgroundThreadBackend(ImmediateBackend):
    """Django tasks' immediate backend, run on a small pool of threads instead of in the caller."""

    def __init__(self, alias, params):
        super().__init__(alias, params)
        self.executor = ThreadPoolExecutor(
            max_workers=int(self.options.get("THREADS", 2)), thread_name_prefix=f"tasks-{alias}"
        )
        self._pending = set()
        self._lock = threading.Lock()

    def _execute_task(self, task_result):
        future = self.executor.submit(super()._execute_task, task_result)
        with self._lock:
            self._pending.add(future)
        future.add_done_callback(self._forget)

    def _forget(self, future):
        with self._lock:
            self._pending.discard(future)

    def wait(self, timeout=10):
        """Wait until every task queued so far has finished (for tests and management commands)."""
        with self._lock:
            pending = list(self._pending)
        for future in pending:
            future.result(timeout=timeout)
