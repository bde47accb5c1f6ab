"""The request body under ASGI: read from ``receive`` as the app reads it."""

from __future__ import annotations

import asyncio
import io
import threading
import typing as t
from collections.abc import Callable

from werkzeug.exceptions import RequestEntityTooLarge

if t.TYPE_CHECKING:
    from collections.abc import Awaitable

    Receive = Callable[[], Awaitable[dict[str, t.Any]]]


class ClientDisconnected(OSError):
    """The client went away before it had sent the whole body."""


class RequestBody(io.RawIOBase):
    """``wsgi.input`` of an ASGI request.

    Sync code (a view in the thread pool, the form parser) reads it as a
    file: each read that needs more asks the event loop for the next
    ``http.request`` message and waits, so the limits of the request
    (``MAX_CONTENT_LENGTH`` through :class:`erlen.wrappers.Request`, the
    form limits through its parser) hold while reading, and nothing past
    them is received. Code on the loop awaits :meth:`receive_all` instead.
    """

    def __init__(
        self, receive: Receive, loop: asyncio.AbstractEventLoop, expected: bool
    ) -> None:
        self._receive = receive
        self._loop = loop
        self._buffer = bytearray()
        self._received = 0
        #: Whether the last ``http.request`` message has arrived. A request
        #: that declares no body has none to wait for.
        self.complete = not expected
        #: Set once a body that was expected is complete (:meth:`arrived`).
        self._done = asyncio.Event() if expected else None
        self._loop_thread = threading.get_ident()
        #: The request's ``MAX_CONTENT_LENGTH``, read when the body is
        #: received whole; set by the server once the request exists.
        self.limit: Callable[[], int | None] = lambda: None

    def readable(self) -> bool:
        return True

    async def _next(self) -> None:
        message = await self._receive()
        if message["type"] == "http.disconnect":
            raise ClientDisconnected("The client disconnected while sending the body.")
        chunk = message.get("body", b"")
        self._buffer += chunk
        self._received += len(chunk)
        if not message.get("more_body", False):
            self.complete = True
            if self._done is not None:
                self._done.set()

    def readinto(self, buffer: t.Any) -> int:
        view = memoryview(buffer).cast("B")
        while not self._buffer and not self.complete:
            if threading.get_ident() == self._loop_thread:
                raise RuntimeError(
                    "The request body was read from code on the event loop before"
                    " it arrived. Use 'await request.receive_body()' first."
                )
            asyncio.run_coroutine_threadsafe(self._next(), self._loop).result()
        size = min(len(view), len(self._buffer))
        view[:size] = self._buffer[:size]
        del self._buffer[:size]
        return size

    async def arrived(self) -> None:
        """Wait until the whole body has arrived, whoever reads it."""
        if self._done is not None:
            await self._done.wait()

    async def receive_all(self, limit: int | None = None) -> None:
        """Receive the rest of the body into memory, refusing it past
        ``limit`` bytes (by default the request's ``MAX_CONTENT_LENGTH``)."""
        if limit is None:
            limit = self.limit()
        while not self.complete:
            await self._next()
            if limit is not None and self._received > limit:
                raise RequestEntityTooLarge(
                    f"The body is larger than MAX_CONTENT_LENGTH ({limit} bytes)."
                )
