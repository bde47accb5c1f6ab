"""erlen_testing.AsyncClient: async tests of app.asgi, WebSockets included."""

from __future__ import annotations

import asyncio

import pytest

from erlen import Erlen
from erlen import make_response
from erlen import request
from erlen import Response
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


def cookie_app() -> Erlen:
    app = Erlen(__name__)

    @app.post("/login")
    async def login() -> Response:
        response = make_response("in")
        response.set_cookie("user", request.get_json()["user"])
        return response

    @app.post("/logout")
    async def logout() -> Response:
        response = make_response("out")
        response.delete_cookie("user")
        return response

    @app.get("/me")
    async def me() -> dict[str, str | None]:
        return {"user": request.cookies.get("user")}

    @app.websocket("/me")
    async def ws_me() -> None:
        await websocket.send(request.cookies.get("user", "nobody"))

    return app


async def user(client: AsyncClient) -> tuple[str | None, str | bytes]:
    """Who the app sees over HTTP, and over a WebSocket."""
    over_http = (await client.get("/me")).json["user"]
    async with client.websocket("/me") as ws:
        return over_http, await ws.receive()


def test_cookies_a_response_sets_are_sent_back() -> None:
    async def main() -> None:
        client = AsyncClient(cookie_app())
        await client.post("/login", json={"user": "ada"})
        cookie = client.get_cookie("user")
        assert cookie is not None and cookie.value == "ada"
        assert await user(client) == ("ada", "ada")
        await client.post("/logout")
        assert client.get_cookie("user") is None
        assert await user(client) == (None, "nobody")

    asyncio.run(main())


def test_cookies_set_by_the_test_match_domain_and_path() -> None:
    async def main() -> None:
        client = AsyncClient(cookie_app())
        client.set_cookie("user", "grace")
        assert await user(client) == ("grace", "grace")
        client.delete_cookie("user")
        client.set_cookie("user", "admin", path="/admin")
        client.set_cookie("user", "elsewhere", domain="example.com")
        assert await user(client) == (None, "nobody")

    asyncio.run(main())


def test_without_cookies_the_headers_are_sent_as_given() -> None:
    async def main() -> None:
        client = AsyncClient(cookie_app(), use_cookies=False)
        await client.post("/login", json={"user": "ada"})
        assert (await client.get("/me")).json == {"user": None}
        response = await client.get("/me", headers={"Cookie": "user=linus"})
        assert response.json == {"user": "linus"}
        with pytest.raises(TypeError, match="Cookies are disabled"):
            client.get_cookie("user")

    asyncio.run(main())
