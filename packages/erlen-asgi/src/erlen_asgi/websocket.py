"""WebSocket connections: ``@app.websocket`` views and ``erlen.websocket``."""

from __future__ import annotations

import typing as t

from werkzeug.local import LocalProxy

from erlen import pipeline
from erlen_contexts import request_ctx_var

from .contexts import push_app_context
from .contexts import tear_down
from .environ import build_environ

if t.TYPE_CHECKING:
    from collections.abc import Awaitable
    from collections.abc import Callable

    from erlen import Erlen

    from .driver import Driver

    Receive = Callable[[], Awaitable[dict[str, t.Any]]]
    Send = Callable[[dict[str, t.Any]], Awaitable[None]]


class WebSocketDisconnect(Exception):
    """The client closed the connection; ``code`` is the close code it sent."""

    def __init__(self, code: int = 1000) -> None:
        super().__init__(code)
        self.code = code


class WebSocket:
    """One WebSocket connection, as a view sees it through ``erlen.websocket``.

    The connection is accepted on the first :meth:`send` or :meth:`receive`
    unless the view calls :meth:`accept` itself (to choose a subprotocol).
    """

    def __init__(self, scope: dict[str, t.Any], receive: Receive, send: Send) -> None:
        self.scope = scope
        self._receive = receive
        self._send = send
        self.accepted = False
        self.closed = False

    @property
    def requested_subprotocols(self) -> list[str]:
        """The subprotocols the client offered, in its order of preference."""
        return list(self.scope.get("subprotocols", ()))

    async def accept(self, subprotocol: str | None = None) -> None:
        """Accept the connection, choosing ``subprotocol`` among those offered."""
        if not self.accepted:
            await self._send({"type": "websocket.accept", "subprotocol": subprotocol})
            self.accepted = True

    async def receive(self) -> str | bytes:
        """The next message: ``str`` for text, ``bytes`` for binary.

        :raise WebSocketDisconnect: the client closed the connection.
        """
        await self.accept()
        message = await self._receive()
        if message["type"] == "websocket.disconnect":
            self.closed = True
            raise WebSocketDisconnect(message.get("code", 1000))
        text = message.get("text")
        return text if text is not None else message.get("bytes", b"")  # type: ignore[no-any-return]

    async def send(self, data: str | bytes) -> None:
        """Send ``data``: a text message for ``str``, binary for ``bytes``."""
        await self.accept()
        key = "text" if isinstance(data, str) else "bytes"
        await self._send({"type": "websocket.send", key: data})

    async def close(self, code: int = 1000, reason: str = "") -> None:
        """Close the connection; before :meth:`accept`, this refuses it (403)."""
        if not self.closed:
            self.closed = True
            await self._send({"type": "websocket.close", "code": code, "reason": reason})


def _current() -> WebSocket:
    ctx = request_ctx_var.get(None)
    found = ctx.request.environ.get("erlen.websocket") if ctx is not None else None
    if found is None:
        raise RuntimeError(
            "'websocket' is only available in a view registered with"
            " @app.websocket, while an ASGI server (app.asgi) serves it."
        )
    return found  # type: ignore[no-any-return]


#: The connection of the current WebSocket view, like ``request`` for HTTP.
websocket: WebSocket = LocalProxy(_current)  # type: ignore[assignment]


async def handle_websocket(
    app: Erlen, driver: Driver, scope: dict[str, t.Any], receive: Receive, send: Send
) -> None:
    """Serve one connection: routing, URL value preprocessors and the view,
    in the same contexts as an HTTP request, then the teardown.

    A route that is not a WebSocket route, or an error before the view
    accepts, refuses the connection; an error after closes it with 1011.
    A client's close ends the view's :meth:`WebSocket.receive` with
    :exc:`WebSocketDisconnect`, which is a normal end, not an error.
    """
    message = await receive()
    if message["type"] != "websocket.connect":
        return
    connection = WebSocket(scope, receive, send)
    environ = build_environ(scope, None)
    environ["erlen.websocket"] = connection
    ctx = app.request_context(environ)
    app_ctx = push_app_context(app)
    error: BaseException | None = None
    try:
        await driver.run(pipeline.websocket(app, ctx))
    except WebSocketDisconnect:
        pass
    except Exception as e:
        error = e
        app.log_exception((type(e), e, e.__traceback__))
    except BaseException as e:
        error = e
        raise
    finally:
        if not connection.closed:
            failed = error is not None and connection.accepted
            await connection.close(1011 if failed else 1000)
        await tear_down(app, driver, ctx, app_ctx, error)
