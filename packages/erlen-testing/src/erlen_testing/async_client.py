"""A test client that awaits ``app.asgi`` on the test's own event loop.

For async tests (``pytest-asyncio``, ``anyio``, ``asyncio.run``): requests
are built with :class:`~erlen_testing.builder.EnvironBuilder`'s arguments,
as the sync client builds them, and sent to ``app.asgi`` as an ASGI server
would; :meth:`AsyncClient.websocket` opens a WebSocket connection.
"""

from __future__ import annotations

import asyncio
import contextlib
import typing as t

from werkzeug.datastructures import Headers
from werkzeug.test import TestResponse

from .builder import EnvironBuilder
from .scope import body_chunks
from .scope import scope_from_environ

if t.TYPE_CHECKING:
    from collections.abc import AsyncIterator

    from erlen import Erlen

    Message = dict[str, t.Any]


class AsyncClient:
    """Sends requests to ``app.asgi``: ``await client.get("/")``.

    It keeps no cookies between requests; pass ``headers`` to send some.
    """

    def __init__(self, app: Erlen) -> None:
        self.app = app

    async def open(self, *args: t.Any, **kwargs: t.Any) -> TestResponse:
        """Send one request; the arguments are :class:`EnvironBuilder`'s."""
        builder = EnvironBuilder(self.app, *args, **kwargs)
        try:
            request = builder.get_request()
        finally:
            builder.close()
        environ = request.environ
        chunks = list(body_chunks(environ)) or [b""]
        incoming: list[Message] = [
            {"type": "http.request", "body": chunk, "more_body": index < len(chunks) - 1}
            for index, chunk in enumerate(chunks)
        ]
        sent: list[Message] = []
        done = asyncio.Event()

        async def receive() -> Message:
            if incoming:
                return incoming.pop(0)
            await done.wait()
            return {"type": "http.disconnect"}

        async def send(message: Message) -> None:
            sent.append(message)

        try:
            await self.app.asgi(scope_from_environ(environ), receive, send)
        finally:
            done.set()
        start = sent[0]
        headers = Headers(
            [
                (name.decode("latin-1"), value.decode("latin-1"))
                for name, value in start.get("headers", ())
            ]
        )
        body = [message.get("body", b"") for message in sent[1:]]
        response = TestResponse(body, start["status"], headers, request=request)
        response.json_module = self.app.json  # type: ignore[assignment]
        return response

    async def get(self, *args: t.Any, **kwargs: t.Any) -> TestResponse:
        return await self.open(*args, method="GET", **kwargs)

    async def post(self, *args: t.Any, **kwargs: t.Any) -> TestResponse:
        return await self.open(*args, method="POST", **kwargs)

    async def put(self, *args: t.Any, **kwargs: t.Any) -> TestResponse:
        return await self.open(*args, method="PUT", **kwargs)

    async def delete(self, *args: t.Any, **kwargs: t.Any) -> TestResponse:
        return await self.open(*args, method="DELETE", **kwargs)

    @contextlib.asynccontextmanager
    async def websocket(self, *args: t.Any, **kwargs: t.Any) -> AsyncIterator[WebSocketSession]:
        """Connect to a WebSocket route; leaving the block closes the connection."""
        builder = EnvironBuilder(self.app, *args, **kwargs)
        try:
            environ = builder.get_environ()
        finally:
            builder.close()
        session = WebSocketSession()
        scope = scope_from_environ(environ, kind="websocket")
        task = asyncio.ensure_future(self.app.asgi(scope, session.to_app.get, session.from_app.put))
        session.to_app.put_nowait({"type": "websocket.connect"})
        session.task = task
        try:
            yield session
        finally:
            if not task.done():
                session.to_app.put_nowait({"type": "websocket.disconnect", "code": 1000})
            await task


class WebSocketClosed(Exception):
    """The app closed (or refused) the connection; ``code`` is its close code."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


class WebSocketSession:
    """The client's end of one WebSocket connection."""

    task: asyncio.Future[None]

    def __init__(self) -> None:
        self.to_app: asyncio.Queue[Message] = asyncio.Queue()
        self.from_app: asyncio.Queue[Message] = asyncio.Queue()
        #: The subprotocol the app accepted with, once it accepted.
        self.subprotocol: str | None = None

    async def send(self, data: str | bytes) -> None:
        """Send a text (``str``) or binary (``bytes``) message to the app."""
        key = "text" if isinstance(data, str) else "bytes"
        await self.to_app.put({"type": "websocket.receive", key: data})

    async def receive(self) -> str | bytes:
        """The app's next message.

        :raise WebSocketClosed: the app closed or refused the connection.
        """
        while True:
            getter: asyncio.Future[t.Any] = asyncio.ensure_future(self.from_app.get())
            waiters: set[asyncio.Future[t.Any]] = {getter, self.task}
            await asyncio.wait(waiters, return_when=asyncio.FIRST_COMPLETED)
            if not getter.done():
                getter.cancel()
                self.task.result()  # the app's error, if it failed
                raise WebSocketClosed(1000)
            message = getter.result()
            if message["type"] == "websocket.accept":
                self.subprotocol = message.get("subprotocol")
            elif message["type"] == "websocket.close":
                raise WebSocketClosed(message.get("code", 1000))
            else:
                text = message.get("text")
                return text if text is not None else message.get("bytes", b"")  # type: ignore[no-any-return]
