"""Contexts stay apart across threads, asyncio tasks and greenlets.

Each test makes two units of work run interleaved, each with its own
context pushed, and checks that neither sees the other's request.
"""

from __future__ import annotations

import asyncio
import threading

import greenlet
from werkzeug.test import Client

from erlen import Erlen
from erlen_contexts import current_app
from erlen_contexts import g
from erlen_contexts import has_app_context
from erlen_contexts import has_request_context
from erlen_contexts import request


def test_two_threads_each_see_their_own_request(app: Erlen) -> None:
    # Both threads hold their context pushed at the same time: the barrier
    # is only passed once both have pushed, and read only after that.
    both_pushed = threading.Barrier(2)
    seen: dict[str, tuple[str, str]] = {}
    errors: list[BaseException] = []

    def handle(path: str) -> None:
        try:
            with app.test_request_context(path):
                g.path = path
                both_pushed.wait()
                seen[path] = (request.path, g.path)
                both_pushed.wait()
        except BaseException as error:  # reported by the main thread
            errors.append(error)
            both_pushed.abort()

    threads = [threading.Thread(target=handle, args=(p,)) for p in ("/one", "/two")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert seen == {"/one": ("/one", "/one"), "/two": ("/two", "/two")}


def test_a_new_thread_does_not_see_the_starting_threads_context(app: Erlen) -> None:
    seen: list[tuple[bool, bool]] = []
    with app.test_request_context():
        thread = threading.Thread(
            target=lambda: seen.append((has_app_context(), has_request_context()))
        )
        thread.start()
        thread.join()
    assert seen == [(False, False)]


def test_two_asyncio_tasks_each_see_their_own_request(app: Erlen) -> None:
    async def handle(path: str, pushed: asyncio.Event, other_pushed: asyncio.Event) -> str:
        with app.test_request_context(path):
            g.path = path
            pushed.set()
            # Hand control to the other task while this context is pushed.
            await other_pushed.wait()
            await asyncio.sleep(0)
            return f"{request.path} {g.path}"

    async def main() -> list[str]:
        one_pushed, two_pushed = asyncio.Event(), asyncio.Event()
        return await asyncio.gather(
            handle("/one", one_pushed, two_pushed),
            handle("/two", two_pushed, one_pushed),
        )

    assert asyncio.run(main()) == ["/one /one", "/two /two"]


def test_tasks_inherit_the_context_active_when_they_were_created(app: Erlen) -> None:
    async def read() -> tuple[str, str]:
        await asyncio.sleep(0)
        return current_app.name, request.path  # type: ignore[attr-defined]

    async def main() -> list[tuple[str, str]]:
        return await asyncio.gather(read(), read())

    with app.test_request_context("/parent"):
        result = asyncio.run(main())
    assert result == [("contexts_app", "/parent")] * 2


def test_two_greenlets_switching_each_see_their_own_request(app: Erlen) -> None:
    seen: list[str] = []

    def handle(path: str) -> None:
        with app.test_request_context(path):
            g.path = path
            seen.append(f"pushed {request.path}")
            # Run the other greenlet while this context is still pushed.
            greenlet.getcurrent().parent.switch()
            seen.append(f"resumed {request.path} {g.path}")
        seen.append(f"popped {has_request_context()}")

    one = greenlet.greenlet(handle)
    two = greenlet.greenlet(handle)
    one.switch("/one")
    two.switch("/two")
    assert not has_request_context()  # the main greenlet never pushed one
    one.switch()
    two.switch()

    assert one.dead and two.dead
    assert seen == [
        "pushed /one",
        "pushed /two",
        "resumed /one /one",
        "popped False",
        "resumed /two /two",
        "popped False",
    ]


def test_async_views_of_concurrent_requests_see_their_own_request(app: Erlen) -> None:
    # Each request runs its async view on its own event loop, in its own
    # thread; both views are suspended at the same time before reading.
    both_started = threading.Barrier(2)
    bodies: dict[str, str] = {}

    @app.route("/<name>")
    async def view(name: str) -> str:
        g.name = name
        await asyncio.to_thread(both_started.wait)
        return f"{request.path} {g.name}"

    def fetch(name: str) -> None:
        try:
            bodies[name] = Client(app).get(f"/{name}").get_data(as_text=True)
        finally:
            # A request that never reached the barrier must not leave the
            # other waiting forever; once both passed, this changes nothing.
            both_started.abort()

    threads = [threading.Thread(target=fetch, args=(n,)) for n in ("one", "two")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert bodies == {"one": "/one one", "two": "/two two"}
