"""LiveServer: the app over a real socket on 127.0.0.1, for one test."""

from __future__ import annotations

import sys
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
def app() -> Erlen:
    app = Erlen(__name__)

    @app.get("/items/<int:item_id>")
    def item(item_id: int) -> str:
        return f"item {item_id} for {request.remote_addr}"

    return app


def test_serves_the_app_on_a_free_local_port(app: Erlen) -> None:
    with LiveServer(app) as server:
        assert server.url == f"http://127.0.0.1:{server.port}"
        assert server.port > 0
        assert fetch(f"{server.url}/items/7") == "item 7 for 127.0.0.1"


def test_url_for_builds_urls_on_the_server(app: Erlen) -> None:
    # SERVER_NAME names the deployment, not this server.
    app.config.update(SERVER_NAME="example.com", APPLICATION_ROOT="/shop")
    with LiveServer(app) as server:
        url = server.url_for("item", item_id=3, page=2)
        assert url == f"{server.url}/items/3?page=2"
        assert fetch(url) == "item 3 for 127.0.0.1"


def test_two_servers_run_side_by_side(app: Erlen) -> None:
    with LiveServer(app) as first, LiveServer(app) as second:
        assert first.port != second.port
        assert fetch(first.url_for("item", item_id=1)) == "item 1 for 127.0.0.1"
        assert fetch(second.url_for("item", item_id=2)) == "item 2 for 127.0.0.1"


def test_requests_are_served_while_another_is_in_progress(app: Erlen) -> None:
    release = threading.Event()

    @app.get("/slow")
    def slow() -> str:
        release.wait(10)
        return "slow done"

    with LiveServer(app) as server:
        results: list[str] = []
        waiting = threading.Thread(
            target=lambda: results.append(fetch(f"{server.url}/slow"))
        )
        waiting.start()
        assert fetch(f"{server.url}/items/1") == "item 1 for 127.0.0.1"
        release.set()
        waiting.join()
    assert results == ["slow done"]


def test_after_stopping_nothing_listens(app: Erlen) -> None:
    with LiveServer(app) as server:
        url = server.url_for("item", item_id=1)
    with pytest.raises(URLError):
        fetch(url)
    assert not any(
        t.name == f"erlen-live-server-{server.port}" for t in threading.enumerate()
    )


def test_a_server_never_started_still_closes_its_socket(app: Erlen) -> None:
    server = LiveServer(app)
    url = f"{server.url}/items/1"
    server.stop()
    with pytest.raises(URLError):
        fetch(url)


def test_asgi_without_uvicorn_names_the_install(
    app: Erlen, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "uvicorn", None)  # import raises ImportError

    with pytest.raises(RuntimeError, match=r"`pip install uvicorn`"):
        LiveServer(app, interface="asgi")
