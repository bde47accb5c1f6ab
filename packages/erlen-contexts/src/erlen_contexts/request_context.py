"""The request context: one HTTP request, its matched rule and its session."""

from __future__ import annotations

import sys
import typing as t
from contextvars import Token

from werkzeug.exceptions import HTTPException

from .globals import app_ctx_var
from .globals import request_ctx_var

if t.TYPE_CHECKING:
    from collections.abc import MutableMapping
    from types import TracebackType

    from _typeshed.wsgi import WSGIEnvironment
    from werkzeug.routing import MapAdapter
    from werkzeug.wrappers import Request

    from .app_context import AppContext
    from .host import ContextHost

_missing: t.Any = object()


class RequestContext:
    """Holds everything about the request being handled.

    Pushing it makes ``request`` and ``session`` usable, and pushes an app
    context for the same application first when none is active. The URL is
    matched when the context is pushed; a routing failure is kept on
    ``request.routing_exception`` and raised later, during dispatch, so that
    the application's error handlers see it.

    The session is loaded on first use, not on push: a request that never
    touches ``session`` never pays for decoding a cookie.
    """

    def __init__(
        self,
        app: ContextHost,
        environ: WSGIEnvironment,
        request: Request | None = None,
        session: MutableMapping[str, t.Any] | None = None,
    ) -> None:
        self.app = app
        if request is None:
            request = app.request_class(environ)
        self.request = request
        self.url_adapter: MapAdapter | None = None
        try:
            self.url_adapter = app.create_url_adapter(request)
        except HTTPException as error:
            request.routing_exception = error  # type: ignore[attr-defined]
        #: Flashed messages, cached for the rest of the request once read.
        self.flashes: list[tuple[str, str]] | None = None
        self._opened_session = session
        self.after_request_functions: list[t.Callable[[t.Any], t.Any]] = []
        self._cv_tokens: list[tuple[Token[RequestContext], AppContext | None]] = []
        #: Streamed bodies not yet sent that will push this context again
        #: (see ``stream_with_context``); teardown waits for them.
        self._holds = 0
        #: The generators ``stream_with_context`` made for this request that
        #: have not finished, oldest first. The server closing the response
        #: closes those it still holds (:meth:`close_streams`).
        self.streams: list[t.Generator[t.Any, None, None]] = []
        #: The exception that ended the request while a stream held it open:
        #: the teardown that waits for the stream receives it.
        self._ended_by: BaseException | None = None

    @property
    def session(self) -> MutableMapping[str, t.Any]:
        """The session, loaded through the application on first access."""
        if self._opened_session is None:
            self._opened_session = self.app.open_request_session(self.request)
        return self._opened_session

    @session.setter
    def session(self, value: MutableMapping[str, t.Any]) -> None:
        self._opened_session = value

    @property
    def session_loaded(self) -> bool:
        """Whether anything has read ``session`` during this request."""
        return self._opened_session is not None

    def copy(self) -> RequestContext:
        """Return a new context for the same request, for use in another task.

        The request object and the session are shared, so changes made
        through the copy are seen by the original request. The session is
        loaded now if nothing has read it yet: left to load lazily, the copy
        and the original would each open their own session object, and
        whatever the copy wrote would be lost.
        """
        return type(self)(
            self.app,
            self.request.environ,
            request=self.request,
            session=self.session,
        )

    def close_streams(self) -> None:
        """Close every stream of this request that has not finished, unsent.

        A stream holds the teardown back until it is sent or closed. One
        whose response was replaced (an ``after_request`` hook raised, an
        error handler answered instead) would otherwise hold it until the
        garbage collector found the generator: in another request, another
        thread, or never. The request cycle calls this when it knows no
        server will send them.
        """
        for stream in list(self.streams):
            stream.close()

    def match_request(self) -> None:
        """Match the URL, keeping a failure for dispatch to raise."""
        assert self.url_adapter is not None
        try:
            rule, view_args = self.url_adapter.match(return_rule=True)
        except HTTPException as error:
            self.request.routing_exception = error  # type: ignore[attr-defined]
        else:
            self.request.url_rule = rule  # type: ignore[attr-defined]
            self.request.view_args = view_args  # type: ignore[attr-defined]

    def push(self) -> None:
        """Make this request current, pushing an app context if needed."""
        app_ctx = app_ctx_var.get(None)
        if app_ctx is None or app_ctx.app is not self.app:
            app_ctx = self.app.app_context()
            app_ctx.push()
        else:
            app_ctx = None
        self._cv_tokens.append((request_ctx_var.set(self), app_ctx))
        if self.url_adapter is not None:
            self.match_request()

    @property
    def ends_on_pop(self) -> bool:
        """Whether the next :meth:`pop` tears the request down: it undoes the
        first push, and no streamed body holds the request open."""
        return len(self._cv_tokens) == 1 and not self._holds

    def pop(self, exc: BaseException | None = _missing, *, teardown: bool = True) -> None:
        """Undo one :meth:`push`; the last one tears the request down.

        Teardown callbacks run first, then the request is closed (releasing
        uploaded files), then the app context pushed with it is popped. A
        failing teardown callback stops neither of the last two.

        :param teardown: ``False`` when the caller has run the teardown
            callbacks itself (an async server runs them on its event loop,
            where this method, being sync, cannot).
        """
        final = len(self._cv_tokens) == 1
        last = final and not self._holds
        if final:
            exc = self._ending_exception(exc)
        try:
            if last:
                try:
                    if teardown:
                        self.app.do_teardown_request(exc)
                finally:
                    self.request.close()
            elif final:
                # A stream holds the request: its end tears down, with this.
                self._ended_by = exc
        finally:
            ctx = request_ctx_var.get()
            token, app_ctx = self._cv_tokens.pop()
            request_ctx_var.reset(token)
            if last:
                # Break the request <-> environ cycle so it is freed promptly.
                ctx.request.environ["werkzeug.request"] = None
            if app_ctx is not None:
                app_ctx.pop(exc, teardown=teardown)
            if ctx is not self:
                raise AssertionError(
                    f"Popped the wrong request context: {ctx!r} instead of"
                    f" {self!r}. Contexts must be popped in the reverse order"
                    " of pushing."
                )

    def _ending_exception(self, exc: BaseException | None) -> BaseException | None:
        """The exception the teardown receives: ``exc``, else the one being
        handled, else the one that ended the request before a stream held it."""
        if exc is _missing:
            exc = sys.exc_info()[1]
        if exc is None:
            exc = self._ended_by
        return exc

    def __enter__(self) -> RequestContext:
        self.push()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc_value: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.pop(exc_value)

    def __repr__(self) -> str:
        request = self.request
        return (
            f"<{type(self).__name__} {request.url!r} [{request.method}]"
            f" of {getattr(self.app, 'name', self.app)!r}>"
        )
