"""Pushing and tearing down a request's contexts on the event loop.

The contexts' own ``pop`` would run the teardown callbacks synchronously,
on the loop; here they run through the async driver first, and the pop is
told they ran.
"""

from __future__ import annotations

import typing as t

from erlen import pipeline
from erlen_contexts import app_ctx_var

if t.TYPE_CHECKING:
    from erlen import Erlen
    from erlen_contexts import AppContext
    from erlen_contexts import RequestContext

    from .driver import Driver


def push_app_context(app: Erlen) -> AppContext | None:
    """Push an app context for ``app`` unless one is active (as a request
    context would), returning the one pushed."""
    current = app_ctx_var.get(None)
    if current is not None and current.app is app:
        return None
    app_ctx = app.app_context()
    app_ctx.push()
    return app_ctx


async def tear_down(
    app: Erlen,
    driver: Driver,
    ctx: RequestContext,
    app_ctx: AppContext | None,
    error: BaseException | None,
) -> None:
    """Run the request's teardown once, then pop its contexts.

    Each teardown runs only when the pop that follows would have run it:
    not while a streamed body still holds the context.
    """
    try:
        if ctx.ends_on_pop:
            await driver.run(pipeline.teardown(app, "do_teardown_request", error))
    finally:
        ctx.pop(error, teardown=False)
        if app_ctx is not None:
            try:
                if app_ctx.ends_on_pop:
                    await driver.run(
                        pipeline.teardown(app, "do_teardown_appcontext", error)
                    )
            finally:
                app_ctx.pop(error, teardown=False)
