"""Async views, hooks and handlers, through the ``async`` extra (asgiref)."""

from __future__ import annotations

import asyncio
import sys
import typing as t
from pathlib import Path

import pytest
from werkzeug.test import Client

from erlen import Blueprint
from erlen import Erlen
from erlen import g
from erlen import request
from erlen.views import MethodView
from erlen.views import View
from erlen.wrappers import Response


@pytest.fixture
def app(tmp_path: Path) -> Erlen:
    return Erlen("erlen_test_async", root_path=str(tmp_path))


@pytest.fixture
def no_asgiref(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make ``import asgiref.sync`` fail, as without the ``async`` extra."""
    monkeypatch.setitem(sys.modules, "asgiref.sync", None)


# --- with asgiref -------------------------------------------------------------


def test_async_view_sees_the_request(app: Erlen) -> None:
    @app.route("/hello")
    async def hello() -> str:
        await asyncio.sleep(0)
        return f"hello {request.args['name']}"

    assert Client(app).get("/hello?name=ada").data == b"hello ada"


def test_async_view_with_url_variables(app: Erlen) -> None:
    @app.get("/items/<int:item_id>")
    async def item(item_id: int) -> dict[str, int]:
        return {"id": item_id}

    assert Client(app).get("/items/3").json == {"id": 3}


def test_async_hooks_run_in_order_and_share_g(app: Erlen) -> None:
    calls: list[str] = []

    @app.before_request
    async def load_user() -> None:
        calls.append("before")
        g.user = "ada"

    @app.route("/")
    async def index() -> str:
        calls.append("view")
        return f"user {g.user}"

    @app.after_request
    async def tag(response: Response) -> Response:
        calls.append("after")
        response.headers["X-User"] = g.user
        return response

    @app.teardown_request
    async def close(exc: BaseException | None) -> None:
        calls.append(f"teardown {exc!r}")

    @app.teardown_appcontext
    async def close_app(exc: BaseException | None) -> None:
        calls.append("teardown appcontext")

    response = Client(app).get("/")
    assert response.data == b"user ada"
    assert response.headers["X-User"] == "ada"
    assert calls == ["before", "view", "after", "teardown None", "teardown appcontext"]


def test_async_before_request_can_end_the_request(app: Erlen) -> None:
    @app.before_request
    async def deny() -> tuple[str, int]:
        return "denied", 403

    app.add_url_rule("/", "index", lambda: "view")
    response = Client(app).get("/")
    assert (response.status_code, response.data) == (403, b"denied")


def test_error_raised_in_an_async_view_reaches_an_async_handler(app: Erlen) -> None:
    class OutOfStock(Exception):
        pass

    @app.route("/buy")
    async def buy() -> str:
        raise OutOfStock("apples")

    @app.errorhandler(OutOfStock)
    async def out_of_stock(e: OutOfStock) -> tuple[str, int]:
        return f"no {e}", 409

    response = Client(app).get("/buy")
    assert (response.status_code, response.data) == (409, b"no apples")


def test_async_500_handler_gets_the_original_error(app: Erlen) -> None:
    @app.route("/")
    async def index() -> str:
        raise ZeroDivisionError("boom")

    @app.errorhandler(500)
    async def server_error(e: t.Any) -> tuple[str, int]:
        return f"failed: {e.original_exception}", 500

    assert Client(app).get("/").data == b"failed: boom"


def test_unhandled_error_in_an_async_view_propagates_when_testing(app: Erlen) -> None:
    app.testing = True

    @app.route("/")
    async def index() -> str:
        raise ZeroDivisionError("boom")

    with pytest.raises(ZeroDivisionError, match="boom"):
        Client(app).get("/")


def test_async_hooks_and_views_in_a_blueprint(app: Erlen) -> None:
    bp = Blueprint("api", __name__, url_prefix="/api")

    @bp.before_request
    async def before() -> None:
        g.scope = request.blueprint

    @bp.route("/")
    async def index() -> str:
        return f"in {g.scope}"

    @bp.errorhandler(404)
    async def missing(e: t.Any) -> tuple[str, int]:
        return "api: not found", 404

    bp.add_url_rule("/gone", "gone", _async_abort_404)
    app.register_blueprint(bp)
    client = Client(app)
    assert client.get("/api/").data == b"in api"
    assert client.get("/api/gone").data == b"api: not found"


async def _async_abort_404() -> str:
    from erlen import abort

    abort(404)


def test_async_class_based_views(app: Erlen) -> None:
    class Greeting(View):
        async def dispatch_request(self) -> str:
            return "hello from a View"

    class Items(MethodView):
        async def get(self) -> str:
            return "list"

        async def post(self) -> tuple[str, int]:
            return f"created {request.form['name']}", 201

    app.add_url_rule("/greeting", view_func=Greeting.as_view("greeting"))
    app.add_url_rule("/items", view_func=Items.as_view("items"))
    client = Client(app)
    assert client.get("/greeting").data == b"hello from a View"
    assert client.get("/items").data == b"list"
    created = client.post("/items", data={"name": "pear"})
    assert (created.status_code, created.data) == (201, b"created pear")


def test_ensure_sync_leaves_sync_functions_alone(app: Erlen) -> None:
    def plain() -> str:
        return "plain"

    async def coroutine() -> str:
        return "awaited"

    assert app.ensure_sync(plain) is plain
    assert app.ensure_sync(coroutine)() == "awaited"


def test_concurrent_requests_keep_their_own_request(app: Erlen) -> None:
    import threading

    both_inside = threading.Barrier(2, timeout=10)

    @app.route("/<name>")
    async def echo(name: str) -> str:
        # Both requests are in their async views at once before answering.
        await asyncio.get_running_loop().run_in_executor(None, both_inside.wait)
        return f"{name}:{request.path}"

    results: dict[str, bytes] = {}

    def fetch(name: str) -> None:
        results[name] = Client(app).get(f"/{name}").data

    threads = [threading.Thread(target=fetch, args=(name,)) for name in ("a", "b")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == {"a": b"a:/a", "b": b"b:/b"}


# --- without asgiref ----------------------------------------------------------


def test_async_view_without_asgiref_names_the_extra(
    app: Erlen, no_asgiref: None
) -> None:
    app.testing = True

    @app.route("/")
    async def index() -> str:
        return "never"

    with pytest.raises(RuntimeError) as info:
        Client(app).get("/")
    assert 'pip install "erlen-core[async]"' in str(info.value)
    assert info.value.__cause__ is None
    assert info.value.__suppress_context__


def test_async_hook_without_asgiref_names_the_extra(
    app: Erlen, no_asgiref: None
) -> None:
    app.testing = True
    app.add_url_rule("/", "index", lambda: "sync view")

    @app.before_request
    async def before() -> None:
        return None

    with pytest.raises(RuntimeError, match=r"erlen-core\[async\]"):
        Client(app).get("/")


def test_async_view_without_asgiref_is_a_500_in_production(
    app: Erlen, no_asgiref: None, caplog: pytest.LogCaptureFixture
) -> None:
    @app.route("/")
    async def index() -> str:
        return "never"

    assert Client(app).get("/").status_code == 500
    logged = [r for r in caplog.records if r.name == app.name]
    assert "erlen-core[async]" in str(logged[0].exc_info[1])  # type: ignore[index]


def test_sync_views_work_without_asgiref(app: Erlen, no_asgiref: None) -> None:
    app.add_url_rule("/", "index", lambda: "sync view")
    assert Client(app).get("/").data == b"sync view"


def test_ensure_sync_without_asgiref_fails_where_async_is_used(
    app: Erlen, no_asgiref: None
) -> None:
    async def coroutine() -> None:
        return None

    with pytest.raises(RuntimeError, match=r"erlen-core\[async\]"):
        app.ensure_sync(coroutine)
