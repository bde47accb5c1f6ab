"""erlen_testing.AsyncClient keeps the session cookie, for HTTP and WebSocket views.

erlen-testing requires neither erlen-asgi nor erlen-sessions; these need
both, which only the full environment has. Cookies alone are proved in
tests/erlen_asgi/test_async_client.py.
"""

from __future__ import annotations

import asyncio

from erlen import abort
from erlen import Erlen
from erlen import request
from erlen import session
from erlen import websocket
from erlen_testing import AsyncClient


def make_app() -> Erlen:
    # Erlen's signed-cookie sessions, whatever else is installed.
    app = Erlen(__name__, plugins={"sessions": "cookie"})
    app.config["SECRET_KEY"] = "test"

    @app.post("/login")
    async def login() -> str:
        session["user"] = request.get_json()["user"]
        return "in"

    @app.post("/logout")
    async def logout() -> str:
        session.clear()
        return "out"

    @app.get("/private")
    async def private() -> dict[str, str]:
        if "user" not in session:
            abort(401)
        return {"user": session["user"]}

    @app.websocket("/whoami")
    async def whoami() -> None:
        await websocket.send(session.get("user", "anonymous"))

    return app


async def whoami(client: AsyncClient) -> str | bytes:
    async with client.websocket("/whoami") as ws:
        return await ws.receive()


def test_a_login_over_http_is_the_session_of_later_requests_and_websockets() -> None:
    async def main() -> None:
        client = AsyncClient(make_app())
        assert (await client.get("/private")).status_code == 401
        await client.post("/login", json={"user": "ada"})
        assert (await client.get("/private")).json == {"user": "ada"}
        assert await whoami(client) == "ada"

        await client.post("/logout")
        assert (await client.get("/private")).status_code == 401
        assert await whoami(client) == "anonymous"

    asyncio.run(main())


def test_session_transaction_sets_the_session_the_next_request_sees() -> None:
    async def main() -> None:
        client = AsyncClient(make_app())
        with client.session_transaction() as sess:
            sess["user"] = "grace"
        assert (await client.get("/private")).json == {"user": "grace"}
        assert await whoami(client) == "grace"

    asyncio.run(main())
