"""``app.asgi`` as a WSGI callable, so the sync test client can drive it.

With ``ERLEN_TEST_INTERFACE=asgi`` the client sends every request through
:class:`AsgiAsWsgi`, and the same tests prove both interfaces. Each request
gets an event loop of its own, stepped from the calling thread: the app's
task runs until it has sent what the client asks for next, and waits while
the test holds a streamed response, as a server would between reads. Its
errors surface in the test's thread, as WSGI's do, and the task starts in
a copy of the caller's context, so a test's pushed app context is seen.
"""

from __future__ import annotations

import asyncio
import typing as t
import weakref

from .scope import body_chunks
from .scope import scope_from_environ

if t.TYPE_CHECKING:
    from collections.abc import Awaitable
    from collections.abc import Callable
    from collections.abc import Coroutine
    from collections.abc import Iterator

    Message = dict[str, t.Any]
    AsgiApp = Callable[
        [dict[str, t.Any], Callable[[], Awaitable[Message]], Callable[[Message], Awaitable[None]]],
        Coroutine[t.Any, t.Any, None],
    ]
    StartResponse = Callable[[str, list[tuple[str, str]]], t.Any]


class AsgiAsWsgi:
    """A WSGI application that answers each request through ``asgi``."""

    def __init__(self, asgi: AsgiApp) -> None:
        self.asgi = asgi

    def __call__(self, environ: dict[str, t.Any], start_response: StartResponse) -> Exchange:
        exchange = Exchange(self.asgi, environ)
        try:
            status, headers = exchange.start()
        except BaseException:
            exchange.close()
            raise
        start_response(status, headers)
        return exchange


class Exchange:
    """One request's run of the ASGI app, read as a WSGI response body."""

    def __init__(self, asgi: AsgiApp, environ: dict[str, t.Any]) -> None:
        self._loop = asyncio.new_event_loop()
        self._requests = _request_messages(body_chunks(environ))
        self._outbox: list[Message] = []
        self._arrived: asyncio.Future[None] | None = None
        self._gone = self._loop.create_future()
        scope = scope_from_environ(environ)
        self._task = self._loop.create_task(asgi(scope, self._receive, self._send))
        self._last: Message | None = None
        # A streamed response the test never reads nor closes still ends
        # the app's run, as a server does when the client goes away.
        self._closer = weakref.finalize(self, _end, self._loop, self._task, self._gone)

    async def _receive(self) -> Message:
        message = next(self._requests, None)
        if message is not None:
            return message
        await self._gone
        return {"type": "http.disconnect"}

    async def _send(self, message: Message) -> None:
        self._outbox.append(message)
        if self._arrived is not None and not self._arrived.done():
            self._arrived.set_result(None)

    def _next_message(self) -> Message | None:
        """Run the app until it sends a message; None once it returned."""
        while not self._outbox:
            if self._loop.is_closed():
                return None
            if self._task.done():
                self._task.result()  # the app's error, in the caller's thread
                return None
            self._arrived = self._loop.create_future()
            waiters = {self._task, self._arrived}
            self._loop.run_until_complete(asyncio.wait(waiters, return_when="FIRST_COMPLETED"))
        return self._outbox.pop(0)

    def start(self) -> tuple[str, list[tuple[str, str]]]:
        """The response's status line and headers.

        A body sent whole is received here, and the app is run to its end
        (teardown included), so the test sees what WSGI shows when
        ``client.get()`` returns; a streamed body waits for the reader.
        """
        message = self._next_message()
        if message is None or message["type"] != "http.response.start":
            raise RuntimeError(f"The ASGI app sent {message!r} before starting a response.")
        status = int(message["status"])
        headers = [
            (name.decode("latin-1"), value.decode("latin-1"))
            for name, value in message.get("headers", ())
        ]
        self._last = self._next_message()
        if self._last is not None and not self._last.get("more_body", False):
            self._finish()
            self.close()
        return f"{status} {_reason(status)}", headers

    def __iter__(self) -> Iterator[bytes]:
        message = self._last
        while message is not None:
            if message.get("body"):
                yield message["body"]
            if not message.get("more_body", False):
                break
            message = self._next_message()
        self._finish()
        self.close()

    def _finish(self) -> None:
        """Run the app to its end, raising its error if it failed."""
        while self._next_message() is not None:
            pass

    def close(self) -> None:
        """Tell the app the client is gone, let it end, and close the loop."""
        self._closer()


def _end(
    loop: asyncio.AbstractEventLoop, task: asyncio.Task[None], gone: asyncio.Future[None]
) -> None:
    """Disconnect the client from ``task`` unless it ended, then close ``loop``."""
    try:
        if not task.done():
            gone.set_result(None)
            loop.run_until_complete(asyncio.wait({task}))
        if not task.cancelled():
            task.exception()  # retrieved: already raised, or dropped with the client
    finally:
        try:
            loop.run_until_complete(loop.shutdown_asyncgens())
            loop.run_until_complete(loop.shutdown_default_executor())
        finally:
            loop.close()


def _request_messages(chunks: Iterator[bytes]) -> Iterator[Message]:
    """The ``http.request`` messages of a body, the last one saying so."""
    chunk = next(chunks, b"")
    for following in chunks:
        yield {"type": "http.request", "body": chunk, "more_body": True}
        chunk = following
    yield {"type": "http.request", "body": chunk, "more_body": False}


def _reason(status: int) -> str:
    from http import HTTPStatus

    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "UNKNOWN"
