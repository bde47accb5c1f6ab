"""One HTTP request under ASGI: the pipeline, the response, the disconnect."""

from __future__ import annotations

import asyncio
import contextvars
import typing as t

from erlen import pipeline
from erlen_contexts import app_ctx_var
from erlen_contexts import request_ctx_var

from .body import RequestBody
from .contexts import push_app_context
from .contexts import tear_down
from .environ import build_environ
from .environ import expects_body

if t.TYPE_CHECKING:
    from collections.abc import Awaitable
    from collections.abc import Callable

    from erlen import Erlen
    from erlen.wrappers import Response

    from .driver import Driver

    Receive = Callable[[], Awaitable[dict[str, t.Any]]]
    Send = Callable[[dict[str, t.Any]], Awaitable[None]]

_END = object()


async def handle_http(
    app: Erlen, driver: Driver, scope: dict[str, t.Any], receive: Receive, send: Send
) -> None:
    """Answer one request: the pipeline, then the body, then the teardown.

    The contexts stay pushed until the body is sent, so a streamed body
    (sync or async generator) reads ``request`` as ``stream_with_context``
    allows under WSGI, and the teardown runs once, after it. A watcher
    cancels this task when the client disconnects; the teardown then
    receives the :exc:`asyncio.CancelledError`.
    """
    environ = build_environ(scope, None)
    body = RequestBody(receive, asyncio.get_running_loop(), expects_body(environ))
    environ["wsgi.input"] = body
    environ["erlen.receive_body"] = body.receive_all
    ctx = app.request_context(environ)
    body.limit = lambda: ctx.request.max_content_length
    disconnect = Disconnect(body, receive)
    errors: list[BaseException] = []
    app_ctx = push_app_context(app)
    sent = False
    try:
        response = await driver.run(pipeline.respond(app, ctx, errors), body)
        await _send_response(response, environ, send, driver)
        sent = True
    except BaseException as error:
        if not errors:
            errors.append(error)
        if not (isinstance(error, asyncio.CancelledError) and disconnect.seen):
            raise
    finally:
        disconnect.stop()
        preserve = environ.get("werkzeug.debug.preserve_context")
        if preserve is not None:
            preserve(app_ctx_var.get())
            preserve(request_ctx_var.get())
        if not sent and ctx.streams:
            ctx.close_streams()
        ended_by = errors[0] if errors else None
        if ended_by is not None and app.should_ignore_error(ended_by):
            ended_by = None
        await tear_down(app, driver, ctx, app_ctx, ended_by)


class Disconnect:
    """Cancels the task serving a request when its client disconnects.

    It listens only once the body has arrived: before that, ``receive``
    belongs to whoever reads the body.
    """

    __slots__ = ("seen", "_listener")

    def __init__(self, body: RequestBody, receive: Receive) -> None:
        #: Whether the client disconnected, and so cancelled the request.
        self.seen = False
        task = asyncio.current_task()
        assert task is not None
        self._listener = asyncio.get_running_loop().create_task(
            self._listen(body, receive, task)
        )

    async def _listen(
        self, body: RequestBody, receive: Receive, task: asyncio.Task[t.Any]
    ) -> None:
        await body.arrived()
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                self.seen = True
                task.cancel()
                return

    def stop(self) -> None:
        """Stop listening: the request is over."""
        self._listener.cancel()


async def _send_response(
    response: Response,
    environ: dict[str, t.Any],
    send: Send,
    driver: Driver,
) -> None:
    """Send ``response`` as WSGI would produce it: the same status, headers and body."""
    content: t.Any = response.response
    if hasattr(content, "__aiter__"):
        headers = response.get_wsgi_headers(environ)
        await send(_start(response.status_code, headers.to_wsgi_list()))
        try:
            if environ["REQUEST_METHOD"] != "HEAD":
                async for chunk in content:
                    data = chunk.encode() if isinstance(chunk, str) else chunk
                    await send(
                        {"type": "http.response.body", "body": data, "more_body": True}
                    )
        finally:
            close = getattr(content, "aclose", None)
            if close is not None:
                await close()
            response.close()
        await send({"type": "http.response.body", "body": b""})
        return
    app_iter, status, header_list = response.get_wsgi_response(environ)
    await send(_start(int(status.split(" ", 1)[0]), header_list))
    if isinstance(app_iter, (list, tuple)):
        await send({"type": "http.response.body", "body": b"".join(app_iter)})
        return
    # A generator: each step may block, so it runs in the request's thread,
    # all in one context, which stream_with_context's pushes and pops share.
    worker = driver.threads.worker()
    context = contextvars.copy_context()
    iterator = iter(app_iter)
    try:
        while True:
            chunk = await worker.call(context, next, (iterator, _END))
            if chunk is _END:
                break
            await send({"type": "http.response.body", "body": chunk, "more_body": True})
    finally:
        close = getattr(app_iter, "close", None)
        if close is not None:
            await worker.call(context, close)
    await send({"type": "http.response.body", "body": b""})


def _start(status: int, headers: list[tuple[str, str]]) -> dict[str, t.Any]:
    return {
        "type": "http.response.start",
        "status": status,
        "headers": [
            (name.lower().encode("latin-1"), value.encode("latin-1"))
            for name, value in headers
        ],
    }
