"""32 clients at once: threads, greenlets and asyncio tasks never see each other.

Each client has an identity it sends in a header and in the body, keeps
in ``g`` and in its session (the ``memory`` sessions plugin of
tests/fixtures/erlen-test-plugins, by cookie), and reads all of them back
from a streamed body whose chunks are produced while the other clients'
requests are in flight: the streamed chunks are read with a switch to
another client between each, so the contexts really interleave. Every
answer must belong to the client that asked.
"""

from __future__ import annotations

import asyncio
import io
import threading
import time
import typing as t

import greenlet

from erlen import Erlen
from erlen import g
from erlen import request
from erlen import Response
from erlen import session
from erlen import stream_with_context
from erlen_contexts import has_app_context
from erlen_contexts import has_request_context

if t.TYPE_CHECKING:
    from collections.abc import Callable
    from collections.abc import Iterator

CLIENTS = 32
REQUESTS = 25


def make_app() -> Erlen:
    app = Erlen("concurrent", plugins={"sessions": "memory"})
    teardowns: list[str] = []
    app.extensions["teardowns"] = teardowns
    app.teardown_request(lambda exc: teardowns.append(g.ident))

    @app.post("/who")
    def who() -> Response:
        g.ident = request.headers["X-Ident"]
        session.setdefault("ident", g.ident)
        session["count"] = session.get("count", 0) + 1
        sources: list[Callable[[], str]] = [
            lambda: request.headers["X-Ident"],
            lambda: g.ident,
            lambda: session["ident"],
            lambda: request.get_data(as_text=True),
            lambda: str(session["count"]),
        ]

        def chunks() -> Iterator[str]:
            for source in sources:
                yield source() + "\n"

        return Response(stream_with_context(chunks()))

    @app.after_request
    def stamp(response: Response) -> Response:
        response.headers["X-Ident"] = g.ident
        return response

    return app


class Client:
    """One identity, its session cookie, and what went wrong for it."""

    def __init__(self, app: Erlen, ident: str) -> None:
        self.app = app
        self.ident = ident
        self.cookie = ""
        self.errors: list[str] = []

    def start(self, number: int) -> Iterator[bytes]:
        """Send request ``number``; return the body, not yet read."""
        payload = f"{self.ident}-{number}".encode()
        environ = {
            "REQUEST_METHOD": "POST",
            "PATH_INFO": "/who",
            "SERVER_NAME": "localhost",
            "SERVER_PORT": "80",
            "HTTP_HOST": "localhost",
            "HTTP_X_IDENT": self.ident,
            "HTTP_COOKIE": self.cookie,
            "CONTENT_TYPE": "text/plain",
            "CONTENT_LENGTH": str(len(payload)),
            "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(payload),
            "wsgi.errors": io.StringIO(),
        }
        headers: dict[str, str] = {}

        def start_response(
            status: str, items: list[tuple[str, str]], exc: t.Any = None
        ) -> None:
            headers.update(items)

        body = self.app(environ, start_response)
        if headers.get("X-Ident") != self.ident:
            self.errors.append(f"header {headers.get('X-Ident')!r}")
        if "Set-Cookie" in headers:
            self.cookie = headers["Set-Cookie"].split(";", 1)[0]
        return iter(body)

    def check(self, number: int, chunks: list[bytes]) -> None:
        expected = [self.ident] * 3 + [f"{self.ident}-{number}", str(number + 1)]
        got = b"".join(chunks).decode().splitlines()
        if got != expected:
            self.errors.append(f"request {number}: {got}")


def clients(app: Erlen) -> list[Client]:
    return [Client(app, f"client-{number}") for number in range(CLIENTS)]


def assert_all_answered(app: Erlen, group: list[Client]) -> None:
    assert [error for client in group for error in client.errors] == []
    teardowns = app.extensions["teardowns"]
    assert sorted(teardowns) == sorted(c.ident for c in group for _ in range(REQUESTS))


def test_threads_each_get_their_own_answers() -> None:
    app = make_app()
    group = clients(app)
    ready = threading.Barrier(CLIENTS)

    def work(client: Client) -> None:
        ready.wait()
        for number in range(REQUESTS):
            chunks = []
            for chunk in client.start(number):
                chunks.append(chunk)
                time.sleep(0)  # let another thread run mid-body
            client.check(number, chunks)
        if has_app_context() or has_request_context():
            client.errors.append("a context left bound in its thread")

    threads = [threading.Thread(target=work, args=(client,)) for client in group]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert_all_answered(app, group)


def test_greenlets_each_get_their_own_answers() -> None:
    app = make_app()
    group = clients(app)
    hub = greenlet.getcurrent()

    def work(client: Client) -> None:
        for number in range(REQUESTS):
            chunks = []
            for chunk in client.start(number):
                chunks.append(chunk)
                hub.switch()  # another client's request runs mid-body
            client.check(number, chunks)

    running = [greenlet.greenlet(work) for _ in group]
    for worker, client in zip(running, group, strict=True):
        worker.switch(client)
    while any(not worker.dead for worker in running):
        for worker in running:
            if not worker.dead:
                worker.switch()
    assert not has_app_context() and not has_request_context()
    assert_all_answered(app, group)


def test_asyncio_tasks_each_get_their_own_answers() -> None:
    app = make_app()
    group = clients(app)

    async def work(client: Client) -> None:
        for number in range(REQUESTS):
            chunks = []
            for chunk in client.start(number):
                chunks.append(chunk)
                await asyncio.sleep(0)  # another task's request runs mid-body
            client.check(number, chunks)

    async def main() -> None:
        await asyncio.gather(*(work(client) for client in group))

    asyncio.run(main())
    assert not has_app_context() and not has_request_context()
    assert_all_answered(app, group)
