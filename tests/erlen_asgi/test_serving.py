"""erlen-asgi under a real uvicorn on loopback: the issue's proofs."""

from __future__ import annotations

import asyncio
import threading
import time
import typing as t

import httpx
import pytest
import websockets

from erlen import Blueprint
from erlen import Erlen
from erlen import request
from erlen import url_for
from erlen_asgi import websocket
from erlen_testing import LiveServer


@pytest.fixture
def app() -> Erlen:
    app = Erlen(__name__)
    app.config["MAX_CONTENT_LENGTH"] = 1000
    events: list[str] = []
    app.config["EVENTS"] = events

    @app.before_serving
    async def start() -> None:
        events.append("startup")

    @app.after_serving
    def stop() -> None:
        events.append("shutdown")

    @app.get("/slow")
    async def slow() -> str:
        await asyncio.sleep(0.5)
        return "slept"

    @app.get("/sync/<int:n>")
    def sync(n: int) -> dict[str, int]:
        return {"n": n * 2}

    @app.post("/echo")
    def echo() -> dict[str, t.Any]:
        return {"form": request.form.to_dict()}

    @app.post("/aecho")
    async def aecho() -> bytes:
        return await request.receive_body()

    @app.websocket("/ws/echo")
    async def ws_echo() -> None:
        while True:
            message = await websocket.receive()
            await websocket.send(f"{message}|{url_for('ws_echo')}|{request.path}")

    rooms: set[t.Any] = set()

    @app.websocket("/ws/room")
    async def room() -> None:
        me = websocket._get_current_object()  # type: ignore[attr-defined]
        rooms.add(me)
        try:
            await me.send("joined")
            while True:
                message = await me.receive()
                for other in list(rooms):
                    await other.send(message)
        finally:
            rooms.discard(me)

    return app


def test_200_concurrent_async_requests_take_about_half_a_second(app: Erlen) -> None:
    with LiveServer(app, interface="asgi") as server:

        async def get(path: str) -> tuple[int, bytes]:
            # A bare HTTP/1.1 request: a heavier client would time itself.
            reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
            writer.write(f"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
            raw = await reader.read()
            writer.close()
            head, _, body = raw.partition(b"\r\n\r\n")
            return int(head.split()[1]), body

        async def main() -> tuple[float, list[t.Any], list[t.Any]]:
            started = time.monotonic()
            slow = [get("/slow") for _ in range(200)]
            fast = [get(f"/sync/{i}") for i in range(20)]
            results = await asyncio.gather(*slow, *fast)
            return time.monotonic() - started, results[:200], results[200:]

        elapsed, slow, fast = asyncio.run(main())
    assert all(r == (200, b"slept") for r in slow)
    assert [r[0] for r in fast] == [200] * 20
    assert [r[1] for r in fast] == [b'{"n":%d}\n' % (i * 2) for i in range(20)]
    assert elapsed < 2, elapsed


def test_lifespan_runs_once_each(app: Erlen) -> None:
    with LiveServer(app, interface="asgi") as server:
        assert httpx.get(f"{server.url}/sync/1").status_code == 200
        assert app.config["EVENTS"] == ["startup"]
    assert app.config["EVENTS"] == ["startup", "shutdown"]


def test_bodies_and_limits(app: Erlen) -> None:
    with LiveServer(app, interface="asgi") as server:
        ok = httpx.post(f"{server.url}/echo", data={"a": "1"})
        assert ok.json() == {"form": {"a": "1"}}
        assert httpx.post(f"{server.url}/aecho", content=b"xyz").content == b"xyz"
        assert httpx.post(f"{server.url}/echo", content=b"x" * 5000).status_code == 413
        chunked = httpx.post(f"{server.url}/aecho", content=iter([b"x" * 600, b"y" * 600]))
        assert chunked.status_code == 413
        assert httpx.get(f"{server.url}/ws/echo").status_code == 426


def test_websocket_echo_and_broadcast(app: Erlen) -> None:
    with LiveServer(app, interface="asgi") as server:
        ws_url = server.url.replace("http", "ws")

        async def main() -> None:
            async with websockets.connect(f"{ws_url}/ws/echo") as ws:
                await ws.send("hi")
                assert await ws.recv() == f"hi|{ws_url}/ws/echo|/ws/echo"
            async with websockets.connect(f"{ws_url}/ws/room") as a:
                async with websockets.connect(f"{ws_url}/ws/room") as b:
                    assert await a.recv() == "joined"
                    assert await b.recv() == "joined"
                    await a.send("hello all")
                    assert await a.recv() == "hello all"
                    assert await b.recv() == "hello all"

        asyncio.run(main())


def test_disconnect_cancels_the_stream_and_tears_down_once() -> None:
    app = Erlen(__name__)
    seen: list[BaseException | None] = []
    cancelled = threading.Event()

    @app.teardown_request
    def record(exc: BaseException | None) -> None:
        seen.append(exc)

    @app.get("/stream")
    async def stream() -> t.Any:
        async def body() -> t.AsyncIterator[bytes]:
            try:
                while True:
                    yield b"chunk\n"
                    await asyncio.sleep(0.02)
            except asyncio.CancelledError:
                cancelled.set()
                raise

        return body()

    with LiveServer(app, interface="asgi") as server:
        with httpx.stream("GET", f"{server.url}/stream") as response:
            for _ in response.iter_lines():
                break
        deadline = time.monotonic() + 5
        while not seen and time.monotonic() < deadline:
            time.sleep(0.02)
        time.sleep(0.2)
    assert cancelled.is_set()
    assert len(seen) == 1 and isinstance(seen[0], asyncio.CancelledError)


def test_a_websocket_route_answers_426_under_wsgi() -> None:
    app = Erlen(__name__)
    bp = Blueprint("chat", __name__, url_prefix="/chat")

    @bp.websocket("/live")
    async def live() -> None:
        await websocket.send("x")

    app.register_blueprint(bp)
    response = app.test_client().get("/chat/live")
    assert response.status_code == 426
    assert response.headers["Upgrade"] == "websocket"


def test_without_the_plugin_app_asgi_names_the_install(monkeypatch: pytest.MonkeyPatch) -> None:
    from erlen.plugins import MissingPluginError
    from erlen.plugins import registry

    monkeypatch.setattr(registry, "available", lambda slot: {})
    with pytest.raises(MissingPluginError, match=r'pip install "erlen-core\[asgi\]"'):
        Erlen(__name__).asgi  # noqa: B018 - reading the property raises


def test_a_requests_sync_code_runs_in_one_thread() -> None:
    """Flask code keeps thread-bound objects (sqlite3 connections) in g."""
    app = Erlen(__name__)
    threads: list[int] = []

    @app.before_request
    def before() -> None:
        threads.append(threading.get_ident())

    @app.get("/")
    def view() -> t.Any:
        threads.append(threading.get_ident())

        def body() -> t.Iterator[str]:
            threads.append(threading.get_ident())
            yield "ok"

        return body()

    @app.teardown_request
    def teardown(error: BaseException | None) -> None:
        threads.append(threading.get_ident())

    with LiveServer(app, interface="asgi") as served:
        for _ in range(3):
            threads.clear()
            assert httpx.get(served.url + "/").text == "ok"
            deadline = time.monotonic() + 5
            while len(threads) < 4:  # the teardown runs after the body is sent
                assert time.monotonic() < deadline
                time.sleep(0.01)
            assert len(threads) == 4 and len(set(threads)) == 1
