"""erlen_testing.AsyncClient: async tests of app.asgi, WebSockets included."""

from __future__ import annotations

import asyncio

import pytest

from erlen import Erlen
from erlen import request
from erlen_asgi import websocket
from erlen_testing import AsyncClient
from erlen_testing import WebSocketClosed


def make_app() -> Erlen:
    app = Erlen(__name__)

    @app.post("/double")
    async def double() -> dict[str, int]:
        await request.receive_body()
        await asyncio.sleep(0)
        return {"n": request.get_json()["n"] * 2}

    @app.websocket("/echo")
    async def echo() -> None:
        while True:
            message = await websocket.receive()
            if message == "bye":
                await websocket.close(4000)
                return
            await websocket.send(message)

    return app


def test_requests_are_awaited() -> None:
    async def main() -> None:
        client = AsyncClient(make_app())
        response = await client.post("/double", json={"n": 21})
        assert response.status_code == 200
        assert response.json == {"n": 42}
        assert (await client.get("/missing")).status_code == 404

    asyncio.run(main())


def test_a_websocket_echoes_and_closes() -> None:
    async def main() -> None:
        client = AsyncClient(make_app())
        async with client.websocket("/echo") as ws:
            await ws.send("hello")
            assert await ws.receive() == "hello"
            await ws.send(b"\x00\x01")
            assert await ws.receive() == b"\x00\x01"
            await ws.send("bye")
            with pytest.raises(WebSocketClosed) as closed:
                await ws.receive()
            assert closed.value.code == 4000

    asyncio.run(main())
