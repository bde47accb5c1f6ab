"""The request path's shortcuts answer exactly as Werkzeug's general code.

Each shortcut skips work for the common case (see tools/bench/README.md);
these tests pin down that the answer is the same, in the common case and in
the cases the shortcut must hand back to Werkzeug.
"""

from __future__ import annotations

import typing as t

import pytest
from werkzeug.exceptions import NotFound
from werkzeug.routing import Map
from werkzeug.routing import Rule
from werkzeug.test import Client
from werkzeug.test import EnvironBuilder
from werkzeug.wrappers import Request as WerkzeugRequest

from erlen import abort
from erlen import Erlen
from erlen import Request
from erlen import request
from erlen import Response
from erlen.routing import bind_request

ENVIRONS: dict[str, dict[str, t.Any]] = {
    "plain": EnvironBuilder("/users/7").get_environ(),
    "unicode path and query": EnvironBuilder(
        "/caf\u00e9/\u2603", query_string="q=\u00fc&x=1"
    ).get_environ(),
    "script name": EnvironBuilder(
        "/page", base_url="http://Example.COM:8080/mounted/"
    ).get_environ(),
    "https websocket": EnvironBuilder(
        "/ws",
        base_url="https://example.com",
        headers={"Connection": "keep-alive, Upgrade", "Upgrade": "WebSocket"},
    ).get_environ(),
    "lower-case method, no port": {
        **EnvironBuilder("/x", method="POST").get_environ(),
        "REQUEST_METHOD": "post",
        "SERVER_PORT": "not a port",
    },
    "unix socket, empty path": {
        **EnvironBuilder("/").get_environ(),
        "SERVER_NAME": "/run/app.sock",
        "PATH_INFO": "",
    },
}

ATTRIBUTES = [
    "method",
    "scheme",
    "server",
    "root_path",
    "path",
    "query_string",
    "remote_addr",
    "host",
    "url",
    "full_path",
    "args",
]


@pytest.mark.parametrize("environ", ENVIRONS.values(), ids=list(ENVIRONS))
def test_request_reads_the_environ_like_werkzeug(environ: dict[str, t.Any]) -> None:
    ours = Request(dict(environ))
    theirs = WerkzeugRequest(dict(environ))
    for name in ATTRIBUTES:
        assert getattr(ours, name) == getattr(theirs, name), name
    assert dict(ours.headers) == dict(theirs.headers)


def test_request_attributes_can_be_assigned() -> None:
    req = Request(EnvironBuilder("/a").get_environ())
    req.method = "PUT"
    req.path = "/b"
    assert (req.method, req.path) == ("PUT", "/b")
    # The environ is not rewritten, as with Werkzeug's request.
    assert req.environ["REQUEST_METHOD"] == "GET"


def test_request_registers_itself_in_the_environ_unless_shallow() -> None:
    environ = EnvironBuilder("/").get_environ()
    req = Request(environ)
    assert environ["werkzeug.request"] is req
    shallow = Request(EnvironBuilder("/").get_environ(), shallow=True)
    assert "werkzeug.request" not in shallow.environ


def _adapter_fields(adapter: t.Any) -> tuple[t.Any, ...]:
    return (
        adapter.server_name,
        adapter.script_name,
        adapter.subdomain,
        adapter.url_scheme,
        adapter.path_info,
        adapter.default_method,
        adapter.query_args,
        adapter.websocket,
    )


@pytest.mark.parametrize("environ", ENVIRONS.values(), ids=list(ENVIRONS))
@pytest.mark.parametrize(
    ("host_matching", "subdomain"), [(False, ""), (False, "api"), (True, None)]
)
def test_binding_a_request_matches_bind_to_environ(
    environ: dict[str, t.Any], host_matching: bool, subdomain: str | None
) -> None:
    url_map = Map([Rule("/", endpoint="index")], host_matching=host_matching)
    ours = bind_request(url_map, Request(dict(environ)), subdomain)
    theirs = url_map.bind_to_environ(dict(environ), subdomain=subdomain)
    assert _adapter_fields(ours) == _adapter_fields(theirs)


def test_untrusted_host_is_still_refused() -> None:
    app = Erlen(__name__)
    app.config["TRUSTED_HOSTS"] = ["good.example"]
    app.get("/")(lambda: "ok")
    client = Client(app)
    assert client.get("/", headers={"Host": "good.example"}).status_code == 200
    assert client.get("/", headers={"Host": "evil.example"}).status_code == 400


# -- error pages ----------------------------------------------------------------


@pytest.fixture
def app() -> Erlen:
    app = Erlen(__name__)

    @app.get("/custom")
    def custom() -> str:
        abort(404, "No user 7 here.")

    @app.get("/stock")
    def stock() -> str:
        abort(404)

    return app


def test_stock_error_page_is_werkzeugs(app: Erlen) -> None:
    client = Client(app)
    expected = NotFound().get_response()
    for path in ("/missing", "/stock", "/missing"):
        response = client.get(path)
        assert response.status == "404 NOT FOUND"
        assert response.data == expected.get_data()
        assert response.headers["Content-Type"] == "text/html; charset=utf-8"
        assert response.headers["Content-Length"] == str(len(expected.get_data()))


def test_error_with_its_own_description_shows_it(app: Erlen) -> None:
    client = Client(app)
    client.get("/stock")
    assert b"No user 7 here." in client.get("/custom").data
    assert b"No user 7 here." not in client.get("/stock").data


def test_error_with_its_own_page_keeps_it(app: Erlen) -> None:
    class Gone(NotFound):
        def get_body(self, environ: t.Any = None, scope: t.Any = None) -> str:
            return "<p>gone</p>"

    @app.get("/gone")
    def gone() -> str:
        raise Gone()

    assert Client(app).get("/gone").data == b"<p>gone</p>"


def test_method_not_allowed_keeps_its_allow_header(app: Erlen) -> None:
    response = Client(app).post("/stock")
    assert response.status_code == 405
    assert set(response.headers["Allow"].split(", ")) == {"GET", "HEAD", "OPTIONS"}


def test_head_error_has_no_body_but_its_length(app: Erlen) -> None:
    response = Client(app).head("/missing")
    assert response.status_code == 404
    assert response.data == b""
    assert int(response.headers["Content-Length"]) > 0


def test_after_request_sees_an_error_response_it_can_change(app: Erlen) -> None:
    @app.after_request
    def tag(response: Response) -> Response:
        response.headers["X-Seen"] = str(response.status_code)
        return response

    assert Client(app).get("/missing").headers["X-Seen"] == "404"


# -- responses ------------------------------------------------------------------


def test_plain_response_sends_its_body_and_headers() -> None:
    app = Erlen(__name__)
    app.get("/")(lambda: "h\u00e9llo")
    response = Client(app).get("/")
    assert response.data == "h\u00e9llo".encode()
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"
    assert response.headers["Content-Length"] == "6"


@pytest.mark.parametrize(
    ("make", "status", "length"),
    [
        (lambda: Response("", 204), 204, None),
        (lambda: Response(["a", "b\u00e9"]), 200, "4"),
        (lambda: Response("x", 304), 304, None),
    ],
    ids=["204 drops the length", "str chunks are encoded", "304"],
)
def test_responses_needing_a_fix_are_fixed(
    make: t.Callable[[], Response], status: int, length: str | None
) -> None:
    app = Erlen(__name__)
    app.get("/")(make)
    response = Client(app).get("/")
    assert response.status_code == status
    assert response.headers.get("Content-Length") == length


def test_location_headers_are_made_ascii() -> None:
    app = Erlen(__name__)
    app.get("/")(lambda: Response("moved", headers={"Content-Location": "/caf\u00e9"}))
    response = Client(app).get("/")
    assert response.headers["Content-Location"] == "/caf%C3%A9"


def test_call_on_close_runs_when_the_server_closes_the_body() -> None:
    closed = []
    app = Erlen(__name__)

    @app.get("/")
    def index() -> Response:
        response = Response("body")
        response.call_on_close(lambda: closed.append(True))
        return response

    response = Client(app).get("/")
    response.close()
    assert response.data == b"body"
    assert closed == [True]


def test_head_sends_headers_only() -> None:
    app = Erlen(__name__)
    app.get("/")(lambda: "hello")
    response = Client(app).head("/")
    assert (response.data, response.headers["Content-Length"]) == (b"", "5")


# -- hooks ----------------------------------------------------------------------


def test_overridden_ensure_sync_wraps_views_and_hooks() -> None:
    wrapped = []

    class Tracing(Erlen):
        def ensure_sync(self, func: t.Callable[..., t.Any]) -> t.Callable[..., t.Any]:
            wrapped.append(func.__name__)
            return super().ensure_sync(func)

    app = Tracing(__name__)

    @app.before_request
    def before() -> None:
        return None

    @app.get("/")
    def index() -> str:
        return "ok"

    client = Client(app)
    assert client.get("/").data == b"ok"
    assert client.get("/").data == b"ok"
    assert {"before", "index"} <= set(wrapped)


def test_blueprints_list_is_the_callers_to_change() -> None:
    app = Erlen(__name__)
    app.get("/")(lambda: "ok")
    with app.test_request_context("/"):
        request.blueprints.append("changed")
        assert request.blueprints == []
