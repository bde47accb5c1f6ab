"""The ASGI benchmark apps: one per framework, each written as that framework's
users write it, and the answers every one of them must give.

Unlike ``apps.py``, where Erlen and Flask run the very same view code, the
three frameworks here have different idioms, and each is measured in its
own: Erlen's views are plain functions, as in Flask, except the one that
awaits; Quart's are all ``async def``; Starlette's endpoints take the
request and return a response object. uvicorn loads each app through its
builder (``uvicorn --factory asgi_apps:erlen``).
"""

from __future__ import annotations

import asyncio
import json
import typing as t
from dataclasses import dataclass

Scope = dict[str, t.Any]
Message = dict[str, t.Any]
Receive = t.Callable[[], t.Awaitable[Message]]
Send = t.Callable[[Message], t.Awaitable[None]]
ASGIApp = t.Callable[[Scope, Receive, Send], t.Awaitable[None]]

USER = {"id": 42, "name": "Ada", "admin": False}
AWAITED = {"awaited": True}


def erlen() -> ASGIApp:
    from erlen import Erlen

    app = Erlen(__name__)

    @app.get("/")
    def hello() -> str:
        return "Hello, World!"

    @app.get("/users/<int:id>")
    def user(id: int) -> dict[str, t.Any]:
        return {"id": id, "name": "Ada", "admin": False}

    @app.get("/awaited")
    async def awaited() -> dict[str, t.Any]:
        await asyncio.sleep(0)
        return {"awaited": True}

    return app.asgi  # type: ignore[no-any-return]


def quart() -> ASGIApp:
    from quart import Quart

    app = Quart(__name__)

    @app.get("/")
    async def hello() -> str:
        return "Hello, World!"

    @app.get("/users/<int:id>")
    async def user(id: int) -> dict[str, t.Any]:
        return {"id": id, "name": "Ada", "admin": False}

    @app.get("/awaited")
    async def awaited() -> dict[str, t.Any]:
        await asyncio.sleep(0)
        return {"awaited": True}

    return app


def starlette() -> ASGIApp:
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import JSONResponse
    from starlette.responses import PlainTextResponse
    from starlette.routing import Route

    async def hello(request: Request) -> PlainTextResponse:
        return PlainTextResponse("Hello, World!")

    async def user(request: Request) -> JSONResponse:
        return JSONResponse(
            {"id": request.path_params["id"], "name": "Ada", "admin": False}
        )

    async def awaited(request: Request) -> JSONResponse:
        await asyncio.sleep(0)
        return JSONResponse({"awaited": True})

    return Starlette(
        routes=[
            Route("/", hello),
            Route("/users/{id:int}", user),
            Route("/awaited", awaited),
        ]
    )


#: Each framework's app builder, by the name the reports use.
FRAMEWORKS: dict[str, t.Callable[[], ASGIApp]] = {
    "erlen": erlen,
    "quart": quart,
    "starlette": starlette,
}


@dataclass(frozen=True)
class Scenario:
    """A GET request and the answer every framework must give to it.

    The frameworks write JSON each in their own way (key order, a final
    newline), so a JSON body is compared as the value it encodes.
    """

    path: str
    content_type: str
    text: bytes | None = None
    value: t.Any = None

    def check(self, status: int, headers: dict[str, str], body: bytes) -> None:
        """Raise :exc:`AssertionError` unless this is the expected answer."""
        if status != 200:
            raise AssertionError(f"status {status}, expected 200: {body[:200]!r}")
        got_type = headers.get("content-type", "")
        if not got_type.startswith(self.content_type):
            raise AssertionError(f"content type {got_type!r}, expected {self.content_type!r}")
        if self.text is not None and body != self.text:
            raise AssertionError(f"body {body[:200]!r}, expected {self.text!r}")
        if self.value is not None and json.loads(body) != self.value:
            raise AssertionError(f"body {body[:200]!r}, expected JSON {self.value!r}")


SCENARIOS = {
    "hello": Scenario("/", "text/", text=b"Hello, World!"),
    "json": Scenario("/users/42", "application/json", value=USER),
    "await": Scenario("/awaited", "application/json", value=AWAITED),
}
