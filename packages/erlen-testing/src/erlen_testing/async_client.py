"""A test client that awaits ``app.asgi`` on the test's own event loop.

For async tests (``pytest-asyncio``, ``anyio``, ``asyncio.run``): requests
are built with :class:`~erlen_testing.builder.EnvironBuilder`'s arguments,
as the sync client builds them, and sent to ``app.asgi`` as an ASGI server
would; :meth:`AsyncClient.websocket` opens a WebSocket connection. Cookies
are kept in the sync client's jar (:class:`~erlen_testing.ErlenClient`'s,
which is Werkzeug's), so both clients keep, match and expire them alike.
"""

from __future__ import annotations

import asyncio
import contextlib
import typing as t

from werkzeug.datastructures import Headers
from werkzeug.test import TestResponse

from .builder import EnvironBuilder
from .client import ErlenClient
from .scope import body_chunks
from .scope import scope_from_environ

if t.TYPE_CHECKING:
    from collections.abc import AsyncIterator

    from werkzeug.test import Cookie

    from erlen import Erlen
    from erlen.plugins.sessions import SessionMixin

    Message = dict[str, t.Any]


class AsyncClient:
    """Sends requests to ``app.asgi``: ``await client.get("/")``.

    Like ``app.test_client()``, it keeps the cookies responses set and sends
    them with later requests, WebSocket handshakes included, so a session
    begun over HTTP is the session of a WebSocket view. ``get_cookie``,
    ``set_cookie``, ``delete_cookie`` and ``session_transaction`` are the
    sync client's.

    :param app: the application whose ``app.asgi`` is called.
    :param use_cookies: keep no cookies when false; a ``Cookie`` header
        passed in ``headers`` is then sent as it is (with cookies kept, the
        stored cookies replace it, as in the sync client).
    """

    def __init__(self, app: Erlen, use_cookies: bool = True) -> None:
        self.app = app
        # The sync client sends no request for this one: it is the jar, and
        # session_transaction() works through it as it does for its own.
        self._jar = ErlenClient(app, use_cookies=use_cookies)

    async def open(self, *args: t.Any, **kwargs: t.Any) -> TestResponse:
        """Send one request; the arguments are :class:`EnvironBuilder`'s."""
        builder = EnvironBuilder(self.app, *args, **kwargs)
        try:
            request = builder.get_request()
        finally:
            builder.close()
        environ = request.environ
        self._jar.add_cookies(environ)
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
        self._jar.keep_cookies(environ, headers)
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
        self._jar.add_cookies(environ)
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

    # -- cookies and the session: the sync client's, on the shared jar ---------

    def get_cookie(
        self, key: str, domain: str = "localhost", path: str = "/"
    ) -> Cookie | None:
        """The stored cookie ``key`` of ``domain`` and ``path``, or ``None``."""
        return self._jar.get_cookie(key, domain, path)

    def set_cookie(
        self,
        key: str,
        value: str = "",
        *,
        domain: str = "localhost",
        origin_only: bool = True,
        path: str = "/",
        **kwargs: t.Any,
    ) -> None:
        """Store a cookie to send with later requests; see the sync client's."""
        self._jar.set_cookie(
            key, value, domain=domain, origin_only=origin_only, path=path, **kwargs
        )

    def delete_cookie(self, key: str, *, domain: str = "localhost", path: str = "/") -> None:
        """Forget the stored cookie ``key`` of ``domain`` and ``path``."""
        self._jar.delete_cookie(key, domain=domain, path=path)

    def session_transaction(
        self, *args: t.Any, **kwargs: t.Any
    ) -> contextlib.AbstractContextManager[SessionMixin]:
        """Open the session the next request will see; see the sync client's."""
        return self._jar.session_transaction(*args, **kwargs)


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
