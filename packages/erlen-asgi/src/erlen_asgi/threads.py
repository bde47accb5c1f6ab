"""One thread for all the sync code of one request.

Flask code keeps thread-bound objects in ``g`` for the request: the
tutorial's ``sqlite3`` connection, opened in a ``before_request`` function
or the view and closed in a teardown, refuses any other thread. So a
request's plain functions (hooks, view, streamed body, teardown) all run in
the one thread it borrows at its first plain function and gives back at its
end; requests that run only ``async def`` code borrow none. Threads are
reused, so their number follows the peak of concurrent sync requests.
"""

from __future__ import annotations

import contextlib
import contextvars
import typing as t
from concurrent.futures import ThreadPoolExecutor

if t.TYPE_CHECKING:
    from collections.abc import Iterator

#: Idle threads kept for later requests; more are shut down when given back.
KEEP_IDLE = 32


class Lease:
    """The thread of one request, taken when first needed."""

    executor: ThreadPoolExecutor | None = None


_lease: contextvars.ContextVar[Lease | None] = contextvars.ContextVar(
    "erlen_asgi.lease", default=None
)


class RequestThreads:
    """Lends each request a single-thread executor for its plain functions."""

    def __init__(self) -> None:
        self._idle: list[ThreadPoolExecutor] = []

    @contextlib.contextmanager
    def lend(self) -> Iterator[None]:
        """Give the request running in this task its own thread, when needed."""
        lease = Lease()
        token = _lease.set(lease)
        try:
            yield
        finally:
            _lease.reset(token)
            if lease.executor is not None:
                if len(self._idle) < KEEP_IDLE:
                    self._idle.append(lease.executor)
                else:
                    lease.executor.shutdown(wait=False)

    def executor(self) -> ThreadPoolExecutor | None:
        """The current request's thread (None outside a request: the
        loop's default pool, as for lifespan functions)."""
        lease = _lease.get()
        if lease is None:
            return None
        if lease.executor is None:
            lease.executor = (
                self._idle.pop()
                if self._idle
                else ThreadPoolExecutor(1, thread_name_prefix="erlen-request")
            )
        return lease.executor
