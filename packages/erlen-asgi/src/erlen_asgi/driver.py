"""The async driver of the request pipeline (:mod:`erlen.pipeline`).

The pipeline yields each call of user code; this driver awaits coroutine
functions on the event loop, and runs plain functions in the request's own
thread (:mod:`erlen_asgi.threads`) in a copy of the current context, so
``request``, ``g`` and ``session`` work there as in the request's task. Before the first
coroutine function of a request runs, the body is read from ``receive``:
code on the loop must never block reading it.
"""

from __future__ import annotations

import contextvars
import inspect
import typing as t

from erlen.pipeline import CHECKED
from erlen.pipeline import INLINE
from erlen.pipeline import REGISTERED

from .threads import RequestThreads

if t.TYPE_CHECKING:
    from erlen.pipeline import Call
    from erlen.pipeline import Steps

    from .body import RequestBody

R = t.TypeVar("R")


class Driver:
    """Runs pipeline steps for one application on the running event loop."""

    def __init__(self) -> None:
        #: Whether each registered function is a coroutine function; it
        #: never changes, and the check costs as much as a small call.
        self._is_async: dict[t.Callable[..., t.Any], bool] = {}
        #: Each request's plain functions run in one thread of its own.
        self.threads = RequestThreads()

    def is_async(self, func: t.Callable[..., t.Any], kind: int) -> bool:
        """Whether the pipeline's call of ``func`` is awaited on the loop."""
        if kind == REGISTERED:
            try:
                return self._is_async[func]
            except KeyError:
                found = self._is_async[func] = inspect.iscoroutinefunction(func)
                return found
            except TypeError:  # an unhashable callable object
                return inspect.iscoroutinefunction(func)
        if kind == CHECKED:
            return inspect.iscoroutinefunction(func)
        return False

    async def run(self, steps: Steps[R], body: RequestBody | None = None) -> R:
        """Run ``steps`` to their end and return what they return.

        :param body: the request's body, read whole before the first
            coroutine function runs.
        """
        try:
            call = steps.send(None)
            while True:
                func, args, kwargs, kind = call
                try:
                    if kind == INLINE:
                        result = func(*args, **(kwargs or {}))
                    elif self.is_async(func, kind):
                        if body is not None and not body.complete:
                            await body.receive_all()
                        result = await func(*args, **(kwargs or {}))
                    else:
                        result = await self.threads.worker().call(
                            contextvars.copy_context(), func, args, kwargs
                        )
                except BaseException as error:
                    call = steps.throw(error)
                else:
                    call = steps.send(result)
        except StopIteration as stop:
            return stop.value  # type: ignore[no-any-return]

    async def call(self, func: t.Callable[..., t.Any]) -> t.Any:
        """Await ``func()`` as the pipeline would call a registered function:
        on the loop if it is a coroutine function, else in the request's thread."""
        return await self.run(_one((func, (), None, REGISTERED)))


def _one(call: Call) -> Steps[t.Any]:
    return (yield call)
