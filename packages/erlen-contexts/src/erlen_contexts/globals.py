"""The context variables and the proxies that read them.

Each proxy resolves on every attribute access, so code written against
``request`` or ``current_app`` always sees the context that is active in the
current thread, greenlet or asyncio task.
"""

from __future__ import annotations

import typing as t
from contextvars import ContextVar

from . import speedups

if speedups.ENABLED:
    from .speedups.proxy import LocalProxy
else:
    from werkzeug.local import LocalProxy  # type: ignore[assignment]

if t.TYPE_CHECKING:
    from collections.abc import MutableMapping

    from werkzeug.wrappers import Request

    from .app_context import AppContext
    from .app_context import AppCtxGlobals
    from .host import ContextHost
    from .request_context import RequestContext

NO_APP_CONTEXT = """\
Working outside of application context.

Some code needed the current application (current_app, g, url_for, ...) but
no application context was active. Push one with 'with app.app_context():'
around the code, or run it inside a request."""

NO_REQUEST_CONTEXT = """\
Working outside of request context.

Some code needed data about the current HTTP request (request, session, ...)
but no request was being handled. Run it inside a view function, or, in a
test, push a context with 'with app.test_request_context():'."""

#: The active application context. Part of the public API so that code
#: on the hot path (core, plugins) reads it with one ``get(None)`` call
#: instead of going through a proxy; only push and pop set it.
app_ctx_var: ContextVar[AppContext] = ContextVar("erlen.app_ctx")
#: The active request context, read the same way.
request_ctx_var: ContextVar[RequestContext] = ContextVar("erlen.request_ctx")

app_ctx: AppContext = LocalProxy(  # type: ignore[assignment]
    app_ctx_var, unbound_message=NO_APP_CONTEXT
)
current_app: ContextHost = LocalProxy(
    app_ctx_var, "app", unbound_message=NO_APP_CONTEXT
)
g: AppCtxGlobals = LocalProxy(  # type: ignore[assignment]
    app_ctx_var, "g", unbound_message=NO_APP_CONTEXT
)
request_ctx: RequestContext = LocalProxy(  # type: ignore[assignment]
    request_ctx_var, unbound_message=NO_REQUEST_CONTEXT
)
request: Request = LocalProxy(  # type: ignore[assignment]
    request_ctx_var, "request", unbound_message=NO_REQUEST_CONTEXT
)
session: MutableMapping[str, t.Any] = LocalProxy(  # type: ignore[assignment]
    request_ctx_var, "session", unbound_message=NO_REQUEST_CONTEXT
)
