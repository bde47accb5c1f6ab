"""One thread for all the sync code of one request.

Flask code keeps thread-bound objects in ``g`` for the request: the
tutorial's ``sqlite3`` connection, opened in a ``before_request`` function
or the view and closed in a teardown, refuses any other thread. So a
request's plain functions (hooks, view, streamed body, teardown) all run in
the one thread it borrows at its first plain function and gives back at its
end; requests that run only ``async def`` code borrow none. Threads are
reused, so their number follows the peak of concurrent sync requests.

Each thread is a :class:`Worker` of erlen-asgi's own rather than a
one-thread :class:`~concurrent.futures.ThreadPoolExecutor` driven through
``loop.run_in_executor``: it takes calls from a queue and hands each result
to the event loop with ``call_soon_threadsafe``, where the executor went
through a work item, a second future and their locks and callbacks: on the
benchmark machine a bare hand-off took about 65 µs of CPU time instead of
115 (``tools/bench/README.md``, "ASGI: Erlen against Quart and Starlette").
"""

from __future__ import annotations

import asyncio
import contextvars
import queue
import threading
import typing as t
import weakref

if t.TYPE_CHECKING:
    from collections.abc import Callable
    from collections.abc import Mapping

#: Idle threads kept for later requests; more are stopped when given back.
KEEP_IDLE = 32

#: A call queued for a worker: the future of its result, the context to run
#: it in, the function and its arguments.
_Call = tuple[
    "asyncio.Future[t.Any]",
    contextvars.Context,
    "Callable[..., t.Any]",
    tuple[t.Any, ...],
    "Mapping[str, t.Any] | None",
]


class Worker:
    """A thread that runs the calls it is given one at a time, in order.

    The thread stops when :meth:`stop` is called or when this object is
    garbage collected (with the app that lent it), whichever comes first. It
    is a daemon thread: one still running a view whose client has gone does
    not hold the interpreter's exit.
    """

    def __init__(self) -> None:
        self._calls: queue.SimpleQueue[_Call | None] = queue.SimpleQueue()
        # The thread holds the queue only, never this object, so that the
        # object can be collected and the finalizer end the thread.
        threading.Thread(
            target=_serve, args=(self._calls,), name="erlen-request", daemon=True
        ).start()
        self._finalizer = weakref.finalize(self, self._calls.put, None)
        # Not at exit: code that runs then (a test client closing a response
        # it was never asked to close) may still call into the thread.
        self._finalizer.atexit = False

    def call(
        self,
        context: contextvars.Context,
        func: Callable[..., t.Any],
        args: tuple[t.Any, ...] = (),
        kwargs: Mapping[str, t.Any] | None = None,
    ) -> asyncio.Future[t.Any]:
        """``func(*args, **kwargs)`` run in this thread in ``context``.

        Returns a future of the running loop that receives the result or the
        error. Cancelling the future drops the result; a call that has not
        started by then is skipped, as an executor skips a cancelled one.
        """
        future = asyncio.get_running_loop().create_future()
        self._calls.put((future, context, func, args, kwargs))
        return future

    def stop(self) -> None:
        """End the thread once the calls already given have run."""
        self._finalizer()


def _serve(calls: queue.SimpleQueue[_Call | None]) -> None:
    """The worker thread: run each call, hand its outcome to its loop."""
    while True:
        item = calls.get()
        if item is None:
            return
        future, context, func, args, kwargs = item
        del item
        if future.cancelled():
            continue
        try:
            result = context.run(func, *args, **kwargs) if kwargs else context.run(func, *args)
        except StopIteration as error:
            # A future cannot hold StopIteration (PEP 479); say who raised it.
            failure = RuntimeError(f"{func!r} raised StopIteration")
            failure.__cause__ = error
            _hand_over(future, _fail, failure)
        except BaseException as error:
            _hand_over(future, _fail, error)
        else:
            _hand_over(future, _resolve, result)
        # Hold nothing of a finished call while waiting for the next.
        del future, context, func, args, kwargs


def _hand_over(
    future: asyncio.Future[t.Any], settle: Callable[[asyncio.Future[t.Any], t.Any], None], outcome: t.Any
) -> None:
    try:
        future.get_loop().call_soon_threadsafe(settle, future, outcome)
    except RuntimeError:
        pass  # the loop is closed: nobody waits for the outcome any more


def _resolve(future: asyncio.Future[t.Any], result: t.Any) -> None:
    if not future.cancelled():
        future.set_result(result)


def _fail(future: asyncio.Future[t.Any], error: BaseException) -> None:
    if not future.cancelled():
        future.set_exception(error)


class Lease:
    """What one request (or one lifespan) borrowed: its thread, once needed.

    Made current in the task that serves the request, so the driver finds it
    wherever the request's code runs.
    """

    __slots__ = ("worker", "_token")

    def __init__(self) -> None:
        self.worker: Worker | None = None
        self._token = _lease.set(self)

    def end(self) -> Worker | None:
        """Stop being current; the thread borrowed, if any."""
        _lease.reset(self._token)
        return self.worker


_lease: contextvars.ContextVar[Lease] = contextvars.ContextVar("erlen_asgi.lease")


class RequestThreads:
    """Lends each request a thread of its own for its plain functions."""

    def __init__(self) -> None:
        self._idle: list[Worker] = []

    def lend(self) -> Lease:
        """Start a lease for the request this task serves; give it back with
        :meth:`give_back` when the request ends."""
        return Lease()

    def give_back(self, lease: Lease) -> None:
        """End ``lease``: its thread, if it took one, waits for another request."""
        worker = lease.end()
        if worker is not None:
            if len(self._idle) < KEEP_IDLE:
                self._idle.append(worker)
            else:
                worker.stop()

    def worker(self) -> Worker:
        """The current request's thread, taken on first need."""
        lease = _lease.get()
        if lease.worker is None:
            lease.worker = self._idle.pop() if self._idle else Worker()
        return lease.worker
