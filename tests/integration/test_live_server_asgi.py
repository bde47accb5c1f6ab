"""LiveServer(app, interface="asgi"): uvicorn serving app.asgi for one test.

erlen-testing's own tests run without erlen-asgi and uvicorn installed;
serving through them needs the whole stack, which this folder has.
"""

from __future__ import annotations

import asyncio
import threading
from urllib.error import URLError
from urllib.request import urlopen

import pytest

from erlen import Erlen
from erlen import request
from erlen_testing import LiveServer


def fetch(url: str) -> str:
    with urlopen(url, timeout=10) as response:
        return response.read().decode()  # type: ignore[no-any-return]


@pytest.fixture
def events() -> list[str]:
    return []


@pytest.fixture
def app(events: list[str]) -> Erlen:
    app = Erlen(__name__)

    @app.before_serving
    async def open_pool() -> None:
        events.append("started")

    @app.after_serving
    def close_pool() -> None:
        events.append("stopped")

    @app.get("/items/<int:item_id>")
    def item(item_id: int) -> str:
        return f"item {item_id} for {request.remote_addr}"

    @app.get("/loop")
    async def on_the_loop() -> str:
        await asyncio.sleep(0)
        return f"on the loop: {asyncio.get_running_loop() is not None}"

    return app


def test_serves_sync_and_async_views(app: Erlen) -> None:
    with LiveServer(app, interface="asgi") as server:
        assert server.url == f"http://127.0.0.1:{server.port}"
        assert fetch(server.url_for("item", item_id=7)) == "item 7 for 127.0.0.1"
        assert fetch(f"{server.url}/loop") == "on the loop: True"


def test_the_lifespan_surrounds_the_requests(app: Erlen, events: list[str]) -> None:
    with LiveServer(app, interface="asgi") as server:
        # start() returns once the start-up hooks have run.
        assert events == ["started"]
        fetch(f"{server.url}/items/1")
    assert events == ["started", "stopped"]


def test_after_stopping_nothing_listens(app: Erlen) -> None:
    with LiveServer(app, interface="asgi") as server:
        url = f"{server.url}/items/1"
        assert fetch(url) == "item 1 for 127.0.0.1"
    with pytest.raises(URLError):
        fetch(url)
    assert not any(
        t.name == f"erlen-live-server-{server.port}" for t in threading.enumerate()
    )


def test_a_server_never_started_still_closes_its_socket(app: Erlen) -> None:
    server = LiveServer(app, interface="asgi")
    url = f"{server.url}/items/1"
    server.stop()
    with pytest.raises(URLError):
        fetch(url)


def test_a_start_up_that_fails_is_reported(app: Erlen) -> None:
    @app.before_serving
    def broken() -> None:
        raise RuntimeError("no database")

    server = LiveServer(app, interface="asgi")
    with pytest.raises(RuntimeError, match="did not start serving"):
        server.start()
    with pytest.raises(URLError):
        fetch(f"{server.url}/items/1")
