"""The application context and the ``g`` namespace it carries."""

from __future__ import annotations

import sys
import typing as t
from contextvars import Token

from .globals import app_ctx_var

if t.TYPE_CHECKING:
    from collections.abc import Iterator
    from types import TracebackType

    from werkzeug.routing import MapAdapter

    from .host import ContextHost

_missing = object()


class AppCtxGlobals:
    """A plain namespace for data that lives as long as one app context.

    Each pushed application context gets a fresh one, so values set on ``g``
    during a request are gone when it ends. It reads like an object and
    offers the dict-like helpers a mapping user reaches for.
    """

    # Declared so type checkers accept any attribute, as ``g`` is meant to
    # hold whatever the app puts there.
    def __getattr__(self, name: str) -> t.Any:
        try:
            return self.__dict__[name]
        except KeyError:
            raise AttributeError(
                f"'g' has no attribute {name!r}: nothing set it during this"
                " app context. Use g.get(name) when it may be missing."
            ) from None

    def __setattr__(self, name: str, value: t.Any) -> None:
        self.__dict__[name] = value

    def __delattr__(self, name: str) -> None:
        try:
            del self.__dict__[name]
        except KeyError:
            raise AttributeError(name) from None

    def get(self, name: str, default: t.Any = None) -> t.Any:
        """Return attribute ``name``, or ``default`` when it is not set."""
        return self.__dict__.get(name, default)

    def pop(self, name: str, default: t.Any = _missing) -> t.Any:
        """Remove and return attribute ``name``.

        Like :meth:`dict.pop`, raises :exc:`KeyError` when it is not set and
        no default is given.
        """
        if default is _missing:
            return self.__dict__.pop(name)
        return self.__dict__.pop(name, default)

    def setdefault(self, name: str, default: t.Any = None) -> t.Any:
        """Return attribute ``name``, setting it to ``default`` first if unset."""
        return self.__dict__.setdefault(name, default)

    def __contains__(self, item: str) -> bool:
        return item in self.__dict__

    def __iter__(self) -> Iterator[str]:
        return iter(self.__dict__)

    def __repr__(self) -> str:
        ctx = app_ctx_var.get(None)
        if ctx is not None:
            return f"<erlen.g of {getattr(ctx.app, 'name', ctx.app)!r}>"
        return object.__repr__(self)


class AppContext:
    """Makes an application current, for a request or for a CLI command.

    Pushing it makes ``current_app`` and ``g`` point at this application.
    It may be pushed several times (a request pushes it implicitly, a test
    may push it again); only the last pop runs the teardown callbacks.
    """

    def __init__(self, app: ContextHost) -> None:
        self.app = app
        self.url_adapter: MapAdapter | None = app.create_url_adapter(None)
        self.g = app.app_ctx_globals_class()
        self._cv_tokens: list[Token[AppContext]] = []
        #: Streamed bodies not yet sent that will push this context again
        #: (see ``stream_with_context``); teardown waits for them.
        self._holds = 0
        #: The exception that ended the context while a stream held it open:
        #: the teardown that waits for the stream receives it.
        self._ended_by: BaseException | None = None

    def push(self) -> None:
        """Make this context the current one in this thread or task."""
        self._cv_tokens.append(app_ctx_var.set(self))
        signal = self.app.signals.appcontext_pushed
        if signal.receivers:
            signal.send(self.app, _async_wrapper=self.app.ensure_sync)

    @property
    def ends_on_pop(self) -> bool:
        """Whether the next :meth:`pop` runs the teardown callbacks: it undoes
        the first push, and no streamed body holds the context open."""
        return len(self._cv_tokens) == 1 and not self._holds

    def pop(
        self,
        exc: BaseException | None = _missing,  # type: ignore[assignment]
        *,
        teardown: bool = True,
    ) -> None:
        """Undo one :meth:`push`; the last one runs teardown callbacks.

        :param exc: the unhandled exception passed to the teardown callbacks;
            by default the one being handled, if any.
        :param teardown: ``False`` when the caller has run the teardown
            callbacks itself, as an async server does on its event loop.
        """
        try:
            if len(self._cv_tokens) == 1:
                if exc is _missing:
                    exc = sys.exc_info()[1]
                if exc is None:
                    exc = self._ended_by
                if self._holds:
                    # A stream holds the context: its end tears down, with this.
                    self._ended_by = exc
                elif teardown:
                    self.app.do_teardown_appcontext(exc)
        finally:
            ctx = app_ctx_var.get()
            app_ctx_var.reset(self._cv_tokens.pop())

        if ctx is not self:
            raise AssertionError(
                f"Popped the wrong app context: {ctx!r} instead of {self!r}."
                " Contexts must be popped in the reverse order of pushing."
            )

        signal = self.app.signals.appcontext_popped
        if signal.receivers:
            signal.send(self.app, _async_wrapper=self.app.ensure_sync)

    def __enter__(self) -> AppContext:
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
        return f"<{type(self).__name__} of {getattr(self.app, 'name', self.app)!r}>"
