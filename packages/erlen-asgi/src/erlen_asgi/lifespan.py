"""The ASGI lifespan: ``before_serving`` and ``after_serving`` functions."""

from __future__ import annotations

import typing as t

from .contexts import push_app_context

if t.TYPE_CHECKING:
    from collections.abc import Awaitable
    from collections.abc import Callable

    from erlen import Erlen

    from .driver import Driver

    Receive = Callable[[], Awaitable[dict[str, t.Any]]]
    Send = Callable[[dict[str, t.Any]], Awaitable[None]]


async def handle_lifespan(app: Erlen, driver: Driver, receive: Receive, send: Send) -> None:
    """Run ``app.before_serving_funcs`` at startup and ``after_serving_funcs``
    at shutdown, each once per worker, in an app context.

    A failing function fails that phase, and the server reports it.
    """
    while True:
        message = await receive()
        phase = message["type"].rpartition(".")[2]  # "startup" or "shutdown"
        funcs = app.before_serving_funcs if phase == "startup" else app.after_serving_funcs
        try:
            await _run_all(app, driver, funcs)
        except Exception as error:
            await send({"type": f"lifespan.{phase}.failed", "message": repr(error)})
            return
        await send({"type": f"lifespan.{phase}.complete"})
        if phase == "shutdown":
            return


async def _run_all(app: Erlen, driver: Driver, funcs: list[Callable[[], t.Any]]) -> None:
    app_ctx = push_app_context(app)
    try:
        for func in funcs:
            await driver.call(func)
    finally:
        if app_ctx is not None:
            app_ctx.pop(None)
