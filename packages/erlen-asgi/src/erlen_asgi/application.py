"""``app.asgi``: the ASGI 3 callable of one application."""

from __future__ import annotations

import typing as t

from .driver import Driver
from .http import handle_http
from .lifespan import handle_lifespan
from .websocket import handle_websocket

if t.TYPE_CHECKING:
    from collections.abc import Awaitable
    from collections.abc import Callable

    from erlen import Erlen

    Receive = Callable[[], Awaitable[dict[str, t.Any]]]
    Send = Callable[[dict[str, t.Any]], Awaitable[None]]


class AsgiApplication:
    """Serves ``app`` to an ASGI server: ``uvicorn module:app.asgi``.

    Made once per app by the plugin; ``app`` itself stays a WSGI app.
    """

    def __init__(self, app: Erlen) -> None:
        self.app = app
        self.driver = Driver()

    async def __call__(self, scope: dict[str, t.Any], receive: Receive, send: Send) -> None:
        kind = scope["type"]
        # Whatever it serves, the task's plain functions share one thread.
        threads = self.driver.threads
        lease = threads.lend()
        try:
            if kind == "http":
                await handle_http(self.app, self.driver, scope, receive, send)
            elif kind == "websocket":
                await handle_websocket(self.app, self.driver, scope, receive, send)
            elif kind == "lifespan":
                await handle_lifespan(self.app, self.driver, receive, send)
            else:
                raise ValueError(f"erlen-asgi serves no {kind!r} scope.")
        finally:
            threads.give_back(lease)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} of {self.app!r}>"
