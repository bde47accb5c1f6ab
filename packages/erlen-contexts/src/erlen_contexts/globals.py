"""The context variables and the proxies that read them.

Each proxy resolves on every attribute access, so code written against
``request`` or ``current_app`` always sees the context that is active in the
current thread, greenlet or asyncio task.
"""

from __future__ import annotations

import typing as t
from contextvars import ContextVar

from ._proxy import LocalProxy

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

_cv_app: ContextVar[AppContext] = ContextVar("erlen.app_ctx")
_cv_request: ContextVar[RequestContext] = ContextVar("erlen.request_ctx")

app_ctx: AppContext = LocalProxy(  # type: ignore[assignment]
    _cv_app, unbound_message=NO_APP_CONTEXT
)
current_app: ContextHost = LocalProxy(_cv_app, "app", unbound_message=NO_APP_CONTEXT)
g: AppCtxGlobals = LocalProxy(  # type: ignore[assignment]
    _cv_app, "g", unbound_message=NO_APP_CONTEXT
)
request_ctx: RequestContext = LocalProxy(  # type: ignore[assignment]
    _cv_request, unbound_message=NO_REQUEST_CONTEXT
)
request: Request = LocalProxy(  # type: ignore[assignment]
    _cv_request, "request", unbound_message=NO_REQUEST_CONTEXT
)
session: MutableMapping[str, t.Any] = LocalProxy(  # type: ignore[assignment]
    _cv_request, "session", unbound_message=NO_REQUEST_CONTEXT
)
