"""What a context expects of the application that owns it.

erlen-contexts depends on Werkzeug alone, so it cannot import the
application class. Instead it codes against this protocol, which
:class:`erlen.Erlen` implements. Anything else that implements it can use
these contexts too, which keeps the two distributions releasable apart.
"""

from __future__ import annotations

import typing as t

if t.TYPE_CHECKING:
    from collections.abc import MutableMapping

    from werkzeug.routing import MapAdapter
    from werkzeug.wrappers import Request

    from .app_context import AppContext
    from .app_context import AppCtxGlobals


class Signal(t.Protocol):
    """The part of a signal the contexts use: a truth test, then a send."""

    # Read-only, so any mapping type satisfies it (Blinker's is a dict).
    @property
    def receivers(self) -> t.Mapping[t.Any, t.Any]: ...

    def send(self, sender: t.Any, /, **kwargs: t.Any) -> t.Any: ...


class ContextSignals(t.Protocol):
    """The signals sent while contexts are pushed and popped."""

    appcontext_pushed: Signal
    appcontext_popped: Signal


class ContextHost(t.Protocol):
    """An application that can own app and request contexts.

    The attributes are read-only here so that an application may narrow
    them (its own request class, its own signal hub). Requests are typed
    ``Any`` for the same reason: an application takes its own subclass.
    """

    @property
    def app_ctx_globals_class(self) -> type[AppCtxGlobals]: ...

    @property
    def request_class(self) -> type[Request]: ...

    @property
    def signals(self) -> ContextSignals: ...

    def app_context(self) -> AppContext: ...

    def create_url_adapter(self, request: t.Any) -> MapAdapter | None: ...

    def open_request_session(self, request: t.Any) -> MutableMapping[str, t.Any]:
        """Load the session for ``request``; called on first use of ``session``."""

    def do_teardown_request(self, exc: BaseException | None) -> None: ...

    def do_teardown_appcontext(self, exc: BaseException | None) -> None: ...

    def ensure_sync(self, func: t.Callable[..., t.Any]) -> t.Callable[..., t.Any]: ...
