"""The request path's shortcuts answer exactly as Werkzeug's general code.

Each shortcut skips work for the common case (see tools/bench/README.md);
these tests pin down that the answer is the same, in the common case and in
the cases the shortcut must hand back to Werkzeug.
"""

from __future__ import annotations

import collections
import copy
import datetime
import io
import json
import pickle
import random
import typing as t
import warnings
from contextvars import ContextVar

import markupsafe
import pytest
from werkzeug.datastructures import EnvironHeaders as WerkzeugEnvironHeaders
from werkzeug.datastructures import Headers as WerkzeugHeaders
from werkzeug.exceptions import BadHost
from werkzeug.exceptions import NotFound
from werkzeug.local import LocalProxy as WerkzeugLocalProxy
from werkzeug.routing import BaseConverter
from werkzeug.routing import Map
from werkzeug.routing import Rule
from werkzeug.routing import ValidationError
from werkzeug.test import Client
from werkzeug.test import EnvironBuilder
from werkzeug.wrappers import Request as WerkzeugRequest
from werkzeug.wrappers import Response as WerkzeugResponse

from erlen import abort
from erlen import Blueprint
from erlen import Erlen
from erlen import Request
from erlen import request
from erlen import Response
from erlen.json.provider import _encoder
from erlen.json.provider import DefaultJSONProvider
from erlen.routing import bind_request
from erlen.speedups.requests import _ENVIRON_KEYS
from erlen.speedups.requests import _MAX_ENVIRON_KEYS
from erlen.speedups.routing import _plain_server_name
from erlen.wrappers import Headers
from erlen_contexts import app_ctx
from erlen_contexts import current_app
from erlen_contexts import g
from erlen_contexts import request_ctx
from erlen_contexts import session
from erlen_contexts.speedups import ENABLED as SPEEDUPS
from erlen_contexts.speedups.proxy import LocalProxy

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
    "unicode host": EnvironBuilder(
        "/", headers={"Host": "B\u00fccher.Example:8080"}
    ).get_environ(),
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


@pytest.mark.parametrize(
    "cookie",
    [None, "", "a=1", "a=1; b=2; a=3", 'q="quoted \\" value"; caf\u00e9=\u00e9'],
    ids=["none", "empty", "one", "repeated", "quoted and non-ASCII"],
)
def test_request_parses_cookies_like_werkzeug(cookie: str | None) -> None:
    environ = EnvironBuilder("/").get_environ()
    if cookie is not None:
        environ["HTTP_COOKIE"] = cookie.encode().decode("latin1")
    ours = Request(dict(environ)).cookies
    theirs = WerkzeugRequest(dict(environ)).cookies
    assert list(ours.items(multi=True)) == list(theirs.items(multi=True))
    assert type(ours) is type(theirs)


def test_any_cookie_header_parses_as_werkzeug_parses_it() -> None:
    # Random headers, mostly of the plain shape the shortcut splits itself,
    # with every character that makes it hand over to Werkzeug.
    rng = random.Random(1121)
    alphabet = 'ab=;  =;\t"\\,\u00e9x1'
    environ = EnvironBuilder("/").get_environ()
    for _ in range(3000):
        header = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14)))
        environ["HTTP_COOKIE"] = header.encode().decode("latin1")
        ours = Request(dict(environ)).cookies
        theirs = WerkzeugRequest(dict(environ)).cookies
        assert list(ours.items(multi=True)) == list(theirs.items(multi=True)), header


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


@pytest.mark.parametrize("environ", ENVIRONS.values(), ids=list(ENVIRONS))
def test_a_host_seen_before_binds_as_the_first_time(environ: dict[str, t.Any]) -> None:
    url_map = Map([Rule("/", endpoint="index")])
    first = Request(dict(environ))
    bind_request(url_map, first, "")
    again = Request(dict(environ))
    ours = bind_request(url_map, again, "")
    theirs = url_map.bind_to_environ(dict(environ))
    assert _adapter_fields(ours) == _adapter_fields(theirs)
    assert again.host == WerkzeugRequest(dict(environ)).host


def test_a_host_binding_refuses_is_refused_every_time() -> None:
    app = Erlen(__name__)
    app.get("/")(lambda: "ok")
    client = Client(app)
    # A label over 63 characters cannot be IDNA-encoded.
    host = "a" * 64 + ".example"
    assert client.get("/", headers={"Host": host}).status_code == 400
    assert client.get("/", headers={"Host": host}).status_code == 400


def test_a_plain_server_name_is_what_map_bind_makes_of_the_host() -> None:
    rng = random.Random(7)
    url_map = Map()
    label_chars = "abcXYZ09-_"
    for _ in range(3000):
        labels = [
            "".join(rng.choices(label_chars, k=rng.choice([0, 1, 5, 62, 63, 64, 70])))
            for _ in range(rng.randint(1, 4))
        ]
        name = ".".join(labels)
        if rng.random() < 0.1:
            name += "\u00fc"
        host = name + rng.choice(["", ":80", ":8080", ":"])
        ours = _plain_server_name(host)
        try:
            theirs = url_map.bind(host).server_name
        except BadHost:
            theirs = None
        if name.isascii():
            assert ours == theirs, host
        else:
            # Left to Map.bind and its codec.
            assert ours is None, host


def test_hosts_are_told_apart_by_scheme() -> None:
    app = Erlen(__name__)
    app.get("/")(lambda: request.host)
    client = Client(app)
    headers = {"Host": "example.com:443"}
    assert client.get("/", headers=headers).text == "example.com:443"
    assert client.get("/", headers=headers, base_url="https://x").text == "example.com"


# -- hooks and proxies -----------------------------------------------------------------


def test_app_hooks_run_for_blueprint_routes_with_or_without_blueprint_hooks() -> None:
    calls: list[str] = []
    app = Erlen(__name__)
    bp = Blueprint("bp", __name__, url_prefix="/bp")
    bp.get("/")(lambda: "bp")
    app.url_value_preprocessor(lambda endpoint, values: calls.append(f"url {endpoint}"))
    app.before_request(lambda: calls.append("app before"))

    @app.after_request
    def app_after(response: Response) -> Response:
        calls.append("app after")
        return response

    @bp.after_request
    def bp_after(response: Response) -> Response:
        calls.append("bp after")
        return response

    bp.before_request(lambda: calls.append("bp before"))
    app.register_blueprint(bp)
    client = Client(app)
    assert client.get("/bp/").text == "bp"
    assert calls == [
        "url bp.<lambda>",
        "app before",
        "bp before",
        "bp after",
        "app after",
    ]
    calls.clear()
    app.before_request_funcs.pop("bp")
    app.after_request_funcs.pop("bp")
    assert client.get("/bp/").text == "bp"
    assert calls == ["url bp.<lambda>", "app before", "app after"]


# -- URL matching ---------------------------------------------------------------------


def test_a_path_matched_before_gives_fresh_view_args() -> None:
    app = Erlen(__name__)

    @app.url_value_preprocessor
    def pull_lang(endpoint: str | None, values: dict[str, t.Any] | None) -> None:
        assert values is not None
        request.environ["lang"] = values.pop("lang")

    @app.get("/<lang>/users/<int:id>")
    def user(id: int) -> str:
        return f"{request.environ['lang']}:{id!r}"

    client = Client(app)
    for _ in range(3):
        assert client.get("/de/users/7").text == "de:7"
    assert client.get("/fr/users/8").text == "fr:8"


def test_a_matched_path_still_refuses_other_methods_and_hosts() -> None:
    app = Erlen(__name__)
    app.config["SERVER_NAME"] = "example.com"
    app.subdomain_matching = True
    app.get("/items/<int:id>")(lambda id: f"main {id}")
    app.get("/items/<int:id>", subdomain="api", endpoint="api")(lambda id: f"api {id}")
    client = Client(app)
    for _ in range(2):
        assert client.get("/items/1", base_url="http://example.com").text == "main 1"
        assert client.get("/items/1", base_url="http://api.example.com").text == "api 1"
        assert client.post("/items/1", base_url="http://example.com").status_code == 405
        assert client.get("/items/x", base_url="http://example.com").status_code == 404


def test_a_rule_added_to_the_map_later_is_matched() -> None:
    app = Erlen(__name__)
    app.get("/items/<int:id>")(lambda id: f"any {id}")
    client = Client(app)
    assert client.get("/items/1").text == "any 1"
    assert client.get("/items/1").text == "any 1"
    app.view_functions["first"] = lambda: "the first"
    app.url_map.add(Rule("/items/1", endpoint="first"))
    assert client.get("/items/1").text == "the first"


def test_an_apps_own_converter_runs_on_every_request() -> None:
    known = {"ada"}

    class KnownName(BaseConverter):
        def to_python(self, value: str) -> str:
            if value not in known:
                raise ValidationError()
            return value

    app = Erlen(__name__)
    app.url_map.converters["known"] = KnownName
    app.get("/hello/<known:name>")(lambda name: f"hello {name}")
    client = Client(app)
    assert client.get("/hello/ada").text == "hello ada"
    assert client.get("/hello/ada").text == "hello ada"
    known.clear()
    assert client.get("/hello/ada").status_code == 404


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


def _sent(response: Response, environ: dict[str, t.Any]) -> tuple[t.Any, ...]:
    """What ``response`` sends through its own ``__call__``."""
    started: list[t.Any] = []

    def start_response(status: str, headers: t.Any, exc_info: t.Any = None) -> None:
        started.extend([status, headers])

    body = response(environ, start_response)
    try:
        return (*started, b"".join(body))
    finally:
        if hasattr(body, "close"):
            body.close()


def _sent_by_werkzeug(
    response: Response, environ: dict[str, t.Any]
) -> tuple[t.Any, ...]:
    """What Werkzeug's general code sends for ``response``."""
    body, status, headers = WerkzeugResponse.get_wsgi_response(response, environ)
    try:
        return status, headers, b"".join(body)
    finally:
        if hasattr(body, "close"):
            body.close()


def _with_cookie() -> Response:
    response = Response("hi", headers={"X-Custom": "1", "x-other": "two"})
    response.set_cookie("name", "value with space", max_age=60, httponly=True)
    return response


def _json() -> Response:
    with Erlen(__name__).app_context() as ctx:
        return ctx.app.json.response({"b": 1, "a": [1, 2]})  # type: ignore[no-any-return]


def _on_close() -> Response:
    response = Response("closing")
    response.call_on_close(lambda: None)
    return response


SENT: dict[str, tuple[t.Callable[[], Response], str, bool]] = {
    "str": (lambda: Response("h\u00e9llo"), "GET", True),
    "bytes": (lambda: Response(b"\x00\xff"), "GET", True),
    "json": (_json, "GET", True),
    "HEAD": (lambda: Response("hello"), "HEAD", True),
    "404 with a body": (lambda: Response("gone", 404), "GET", True),
    "custom headers and cookie": (_with_cookie, "GET", True),
    "direct passthrough": (
        lambda: Response([b"a", b"b"], direct_passthrough=True),
        "GET",
        False,
    ),
    "204": (lambda: Response("", 204), "GET", True),
    "204 with headers": (
        lambda: Response("x", 204, headers={"X-A": "1", "content-length": "1"}),
        "GET",
        True,
    ),
    "304": (lambda: Response("x", 304, headers={"ETag": "1"}), "GET", False),
    "Location": (
        lambda: Response("", 302, headers={"Location": "/caf\u00e9"}),
        "GET",
        False,
    ),
    "str chunks": (lambda: Response(["a", "\u00e9"]), "GET", False),
    "stream": (lambda: Response(iter([b"a", b"b"])), "GET", False),
    "close callback": (_on_close, "GET", False),
}


@pytest.mark.parametrize(("make", "method", "short"), SENT.values(), ids=list(SENT))
def test_responses_send_what_werkzeug_sends(
    make: t.Callable[[], Response], method: str, short: bool
) -> None:
    environ = EnvironBuilder("/", method=method).get_environ()
    assert _sent(make(), environ) == _sent_by_werkzeug(make(), environ)
    if SPEEDUPS:
        # The short path covers the common cases, and only those.
        assert (make()._plain_answer(environ) is not None) is short
    else:
        # Switched off, nothing answers for Werkzeug's sending but Werkzeug.
        assert not hasattr(make(), "_plain_answer")


def test_a_subclass_that_changes_sending_is_honoured() -> None:
    class Tagged(Response):
        def get_wsgi_headers(self, environ: t.Any) -> t.Any:
            headers = super().get_wsgi_headers(environ)
            headers["X-Tagged"] = "yes"
            return headers

    status, headers, body = _sent(Tagged("x"), EnvironBuilder("/").get_environ())
    assert ("X-Tagged", "yes") in headers
    assert (status, body) == ("200 OK", b"x")


# -- JSON ---------------------------------------------------------------------------


def test_json_settings_changed_at_run_time_apply_to_the_next_response() -> None:
    app = Erlen(__name__)
    app.get("/")(lambda: {"b": 1, "a": "\u00e9"})
    client = Client(app)
    assert client.get("/").data == b'{"a":"\\u00e9","b":1}\n'
    app.json.sort_keys = False  # type: ignore[attr-defined]
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    assert client.get("/").data == '{"b":1,"a":"\u00e9"}\n'.encode()
    app.debug = True
    assert client.get("/").data == '{\n  "b": 1,\n  "a": "\u00e9"\n}\n'.encode()


_JSON_VALUES: list[t.Any] = [
    {"b": [1, 2.5, None, True], "a": {"z": "\u00e9\U0001f40d", "y": -0.0}},
    'a string on its own, with "quotes" and \u00e9',
    [float("nan"), float("inf"), 10**30],
    {"3": 1, "10": 2},
    {"when": datetime.date(2025, 6, 15), "html": markupsafe.Markup("<b>")},
    42,
    None,
]


@pytest.mark.parametrize("value", _JSON_VALUES)
@pytest.mark.parametrize("sort_keys", [True, False])
@pytest.mark.parametrize("ensure_ascii", [True, False])
@pytest.mark.parametrize("separators", [None, (",", ":")])
def test_cached_encoders_encode_as_json_dumps(
    value: t.Any,
    sort_keys: bool,
    ensure_ascii: bool,
    separators: tuple[str, str] | None,
) -> None:
    default = DefaultJSONProvider.default
    options = {"sort_keys": sort_keys, "ensure_ascii": ensure_ascii}
    expected = json.dumps(value, default=default, separators=separators, **options)

    assert _encoder(default, separators=separators, **options)(value) == expected


def test_cached_encoders_fail_as_json_dumps_and_recover() -> None:
    encode = _encoder(DefaultJSONProvider.default, True, True, (",", ":"))
    loop: list[t.Any] = []
    loop.append(loop)
    shared = {"a": 1}

    with pytest.raises(ValueError, match="Circular reference detected"):
        encode({"loop": loop})
    with pytest.raises(TypeError, match="not JSON serializable"):
        encode({"ok": shared, "bad": object()})
    with pytest.raises(TypeError):
        encode({1: "a", "b": 2})  # keys of mixed types cannot be sorted
    # A failure leaves nothing behind: the same objects encode again.
    assert (
        encode({"again": shared, "twice": shared})
        == '{"again":{"a":1},"twice":{"a":1}}'
    )


def test_json_dumps_takes_options_the_encoder_cache_cannot_hold() -> None:
    app = Erlen(__name__)
    # A list is unhashable, and skipkeys is no option of the cached encoders.
    assert app.json.dumps({"a": 1}, separators=[",", "="]) == '{"a"=1}'
    assert app.json.dumps({(1,): 1}, skipkeys=True, sort_keys=False) == "{}"


def test_json_response_uses_a_provider_subclass_dumps_and_default() -> None:
    class Provider(DefaultJSONProvider):
        def dumps(self, obj: t.Any, **kwargs: t.Any) -> str:
            return f"<{super().dumps(obj, **kwargs)}:{sorted(kwargs)}>"

    class Dates(DefaultJSONProvider):
        @staticmethod
        def default(o: t.Any) -> t.Any:
            return f"custom {o!r}"

    app = Erlen(__name__)
    app.get("/", endpoint="object")(lambda: {"a": 1})
    app.get("/set", endpoint="set")(lambda: {"s": {1}})
    app.json = Provider(app)
    client = Client(app)
    assert client.get("/").data == b"<{\"a\":1}:['separators']>\n"
    app.debug = True
    assert client.get("/").data == b"<{\n  \"a\": 1\n}:['indent', 'separators']>\n"
    app.debug = False
    app.json = Dates(app)
    assert client.get("/set").data == b'{"s":"custom {1}"}\n'


class _WerkzeugHTML(WerkzeugResponse):
    default_mimetype = "text/html"


def _built(response: WerkzeugResponse) -> tuple[t.Any, ...]:
    return response.status, list(response.headers), response.get_data()


BUILT: dict[str, tuple[tuple[t.Any, ...], dict[str, t.Any]]] = {
    "str": (("h\u00e9llo",), {}),
    "bytes": ((b"\x00\xff",), {}),
    "empty": (("",), {}),
    "no body": ((), {}),
    "status": (("gone", 404), {}),
    "status text": (("made", "201 MADE"), {}),
    "json": (('{"a":1}',), {"mimetype": "application/json"}),
    "text mimetype": (("x",), {"mimetype": "text/plain"}),
    "content type": (("x",), {"content_type": "text/csv"}),
    "headers": (("x",), {"headers": {"X-A": "1", "Content-Type": "text/plain"}}),
    "header list": (("x",), {"headers": [("X-A", "1"), ("x-a", "2")]}),
    "no headers": (("x",), {"headers": []}),
    "headers, status and type": (
        ("x", 201),
        {"headers": {"X-A": "1"}, "mimetype": "text/plain"},
    ),
    "list body": (([b"a", b"b"],), {}),
}


@pytest.mark.parametrize(("args", "kwargs"), BUILT.values(), ids=list(BUILT))
def test_responses_are_built_as_werkzeug_builds_them(
    args: tuple[t.Any, ...], kwargs: dict[str, t.Any]
) -> None:
    assert _built(Response(*args, **kwargs)) == _built(_WerkzeugHTML(*args, **kwargs))


def test_response_subclasses_keep_their_construction_settings() -> None:
    class Plain(Response):
        default_mimetype = None
        automatically_set_content_length = False

    class Upper(Response):
        def set_data(self, value: t.Any) -> None:
            super().set_data(value.upper())

    assert list(Plain("x").headers) == []
    assert Upper("shout").get_data() == b"SHOUT"


def _outcome(action: t.Callable[[], t.Any]) -> tuple[t.Any, ...]:
    """What ``action`` returned, or the type and message of what it raised.

    A header Erlen refuses raises the ``ValueError`` Werkzeug raises, with a
    message that names the header: only the type is compared.
    """
    try:
        return ("returned", action())
    except Exception as error:
        if isinstance(error, ValueError) and "eader" in str(error):
            return ("raised", ValueError, "a header refused")
        return ("raised", type(error), str(error))


# -- cookies set ----------------------------------------------------------------

_COOKIE_OPTIONS: dict[str, list[t.Any]] = {
    "key": ["session", "", "k\u00e9", "a=b", "a b", "sid"],
    # One of each character that makes Werkzeug quote a value.
    "value": [
        "",
        "eyJhIjoxfQ.aVW5AA.sig-_",
        "!#$%&'()*+-./:<=>?@[]^_`{|}~",
        "with space",
        'quo"te',
        "a;b",
        "a,b",
        "back\\slash",
        "tab\tdel\x7f",
        "\u00e9",
    ],
    "path": ["/", None, "/a b", "/\u00e9/x"],
    "domain": [None, "example.com", ".example.com:8080", "b\u00fccher.example"],
    "secure": [False, True],
    "httponly": [False, True],
    "samesite": [None, "lax", "Strict", "none", "sideways"],
    "partitioned": [False, True],
    "max_age": [None, None, None, 60],
    "expires": [None, None, None, 0],
}


def _set_cookie(response_class: type[t.Any], options: dict[str, t.Any]) -> t.Any:
    """The Set-Cookie headers and warnings of one set_cookie call, or its error."""
    response = response_class()
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            response.set_cookie(**options)
    except ValueError as error:
        return ("error", str(error))
    return response.headers.getlist("Set-Cookie"), [str(w.message) for w in caught]


class _StoppedClock(datetime.datetime):
    """Werkzeug's clock for a cookie's Expires, stopped: the two sides are
    set a moment apart, and a second may tick over between them."""

    @classmethod
    def now(cls, tz: datetime.tzinfo | None = None) -> _StoppedClock:
        return cls(2026, 1, 1, tzinfo=tz)


def test_cookies_are_set_as_werkzeug_sets_them(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("werkzeug.http.datetime", _StoppedClock)
    rng = random.Random(2026)
    for _ in range(3000):
        options = {name: rng.choice(values) for name, values in _COOKIE_OPTIONS.items()}
        assert _set_cookie(Response, options) == _set_cookie(
            WerkzeugResponse, options
        ), options


def test_a_cookie_too_large_warns_as_werkzeug_warns() -> None:
    options = {"key": "session", "value": "x" * 5000, "httponly": True}

    ours = _set_cookie(Response, options)

    assert ours == _set_cookie(WerkzeugResponse, options)
    assert "too large" in ours[1][0]


# -- response headers -----------------------------------------------------------


class _Text(str):
    """A ``str`` subclass, which Werkzeug stores as it is."""


HEADER_ITEMS = [
    ("Content-Type", "text/html"),
    ("X-A", "1"),
    ("Set-Cookie", "a=1"),
    ("x-a", "2"),
    # The Kelvin sign lower-cases to "k": names are compared lower-cased.
    ("\u212a-Sign", "kelvin"),
    ("X-A", "3"),
]

HEADER_CHANGES: dict[str, t.Callable[[t.Any], t.Any]] = {
    "item replaces the first, drops the rest": lambda h: h.__setitem__("x-A", "new"),
    "set replaces the first, drops the rest": lambda h: h.set("X-a", "new"),
    "item appends a new name": lambda h: h.__setitem__("X-New", "v"),
    "set appends a new name": lambda h: h.set("X-New", "v"),
    "names compare lower-cased": lambda h: h.__setitem__("k-sign", "v"),
    "add keeps the others": lambda h: h.add("X-A", "4"),
    "an int is converted": lambda h: h.__setitem__("X-A", 5),
    "bytes are converted": lambda h: h.set("X-A", b"raw"),
    "a str subclass is kept": lambda h: h.__setitem__("X-A", _Text("t")),
    "a str subclass is kept by add": lambda h: h.add("X-A", _Text("t")),
    "newline refused by item": lambda h: h.__setitem__("X-A", "a\nb"),
    "carriage return refused by set": lambda h: h.set("X-A", "a\rb"),
    "line break refused by add": lambda h: h.add("X-A", "a\r\nb"),
    "options by set": lambda h: h.set(
        "Content-Disposition", "attachment", filename="a b"
    ),
    "options by add": lambda h: h.add("Content-Disposition", "inline", filename="x"),
    "by index": lambda h: h.__setitem__(0, ("Content-Type", "text/plain")),
    "by slice": lambda h: h.__setitem__(slice(1, 3), [("X-B", 1)]),
    "update": lambda h: h.update({"X-A": "u", "X-List": ["1", "2"]}),
    "setdefault": lambda h: h.setdefault("X-D", "d"),
    "extend": lambda h: h.extend([("X-A", "e")]),
}


@pytest.mark.parametrize("start", [[], HEADER_ITEMS], ids=["empty", "filled"])
@pytest.mark.parametrize("change", HEADER_CHANGES.values(), ids=list(HEADER_CHANGES))
def test_response_headers_change_as_werkzeugs_do(
    start: list[tuple[str, str]], change: t.Callable[[t.Any], t.Any]
) -> None:
    ours, theirs = Headers(start), WerkzeugHeaders(start)
    assert _outcome(lambda: change(ours)) == _outcome(lambda: change(theirs))
    assert list(ours) == list(theirs)
    assert [type(value) for _, value in ours] == [type(value) for _, value in theirs]


def test_response_headers_are_werkzeugs_in_every_other_way() -> None:
    items = [("Content-Type", "text/plain"), ("X-A", "1"), ("x-a", "2")]
    ours, theirs = Headers(items), WerkzeugHeaders(items)
    assert isinstance(ours, WerkzeugHeaders)
    assert (repr(ours), str(ours)) == (repr(theirs), str(theirs))
    assert ours.to_wsgi_list() == theirs.to_wsgi_list()
    for copied in (ours.copy(), copy.copy(ours), pickle.loads(pickle.dumps(ours))):
        assert type(copied) is Headers
        assert list(copied) == items
    assert type(ours[1:]) is Headers
    assert list(ours[1:]) == list(theirs[1:])
    assert list(ours | {"X-A": "3"}) == list(theirs | {"X-A": "3"})
    with pytest.raises(TypeError):
        hash(ours)


class _OtherHeaders(WerkzeugHeaders):
    """Someone's own subclass: Werkzeug never finds it equal to its class."""


HEADER_COMPARISONS: dict[str, t.Callable[[], t.Any]] = {
    "same items": lambda: WerkzeugHeaders([("x-a", "1"), ("Content-Type", "t")]),
    "same items, reordered": lambda: WerkzeugHeaders(
        [("Content-Type", "t"), ("X-A", "1")]
    ),
    "other value": lambda: WerkzeugHeaders([("Content-Type", "t"), ("X-A", "2")]),
    "request headers": lambda: WerkzeugEnvironHeaders({"CONTENT_TYPE": "t"}),
    "another subclass": lambda: _OtherHeaders([("Content-Type", "t"), ("X-A", "1")]),
    "a dict": lambda: {"Content-Type": "t", "X-A": "1"},
    "a list": lambda: [("Content-Type", "t"), ("X-A", "1")],
}


@pytest.mark.parametrize(
    "make", HEADER_COMPARISONS.values(), ids=list(HEADER_COMPARISONS)
)
def test_response_headers_compare_as_werkzeugs_do(make: t.Callable[[], t.Any]) -> None:
    items = [("Content-Type", "t"), ("X-A", "1")]
    ours, theirs = Headers(items), WerkzeugHeaders(items)
    # Werkzeug's headers against the other object, with ours in their place.
    assert (ours == make(), make() == ours) == (theirs == make(), make() == theirs)
    assert (ours != make(), make() != ours) == (theirs != make(), make() != theirs)
    assert Headers(items) == ours


@pytest.mark.parametrize(
    "headers",
    [None, {}, [], False, {"X-A": "1"}, [("X-A", "1"), ("X-A", "2")], {"X-A": "a\nb"}],
    ids=["none", "empty dict", "empty list", "false", "dict", "list", "line break"],
)
def test_responses_hold_erlen_headers_as_werkzeug_would_build_them(
    headers: t.Any,
) -> None:
    def built(cls: type[WerkzeugResponse]) -> tuple[t.Any, ...]:
        return _outcome(lambda: list(cls("x", headers=headers).headers))

    assert built(Response) == built(_WerkzeugHTML)
    if built(Response)[0] == "returned":
        assert type(Response("x", headers=headers).headers) is Headers


def test_a_headers_object_given_to_a_response_is_kept() -> None:
    given = WerkzeugHeaders([("X-A", "1")])
    response = Response("x", headers=given)
    assert response.headers is given
    theirs = _WerkzeugHTML("x", headers=WerkzeugHeaders([("X-A", "1")])).headers
    assert list(given) == list(theirs)


# -- request headers and form ----------------------------------------------------


HEADER_NAMES = [
    "Content-Type",
    "content-length",
    "Transfer-Encoding",
    "X-Custom",
    "x_custom",
    "Stra\u00dfe",
    "HTTP_HOST",
    "",
]


@pytest.mark.parametrize("environ", ENVIRONS.values(), ids=list(ENVIRONS))
def test_request_headers_answer_as_werkzeugs(environ: dict[str, t.Any]) -> None:
    environ = {
        **environ,
        "CONTENT_TYPE": "text/plain",
        "CONTENT_LENGTH": "3",
        "HTTP_X_CUSTOM": "custom",
        # "ß" upper-cases to "SS".
        "HTTP_STRASSE": "street",
    }
    ours = Request(environ).headers
    theirs = WerkzeugEnvironHeaders(environ)
    for name in HEADER_NAMES:
        assert ours.get(name) == theirs.get(name), name
        assert ours.get(name, "default") == theirs.get(name, "default"), name
        assert ours.get(name, -1, type=int) == theirs.get(name, -1, type=int), name
    assert ours.get(b"Host", "not a str") == theirs.get(b"Host", "not a str")  # type: ignore[arg-type]
    assert repr(ours) == repr(theirs)
    assert ours == theirs


def test_request_headers_of_an_environ_that_is_no_dict_go_werkzeugs_way() -> None:
    def environ() -> t.Any:
        return collections.defaultdict(lambda: "filled in", ENVIRONS["plain"])

    ours = Request(environ()).headers
    assert ours.get("X-Missing") == WerkzeugEnvironHeaders(environ()).get("X-Missing")
    assert ours.get("X-Missing") == "filled in"


def test_request_headers_remember_a_bounded_number_of_names() -> None:
    count = _MAX_ENVIRON_KEYS + 10
    environ = {
        **ENVIRONS["plain"],
        **{f"HTTP_X_MADE_UP_{i}": str(i) for i in range(count)},
    }
    headers = Request(environ).headers
    found = [headers.get(f"X-Made-Up-{i}") for i in range(count)]
    assert found == [str(i) for i in range(count)]
    assert len(_ENVIRON_KEYS) <= _MAX_ENVIRON_KEYS


#: The arguments of EnvironBuilder, made anew for each test (a file is read once).
FORM_REQUESTS: dict[str, t.Callable[[], dict[str, t.Any]]] = {
    "urlencoded": lambda: {"data": {"a": "1", "b": "\u00e9"}},
    "multipart with a file": lambda: {
        "data": {"a": "1", "upload": (io.BytesIO(b"content"), "a.txt")}
    },
    "json": lambda: {"json": {"a": 1}},
    "no body": lambda: {},
}


@pytest.mark.parametrize("read_data_first", [False, True], ids=["form", "data first"])
@pytest.mark.parametrize("kwargs", FORM_REQUESTS.values(), ids=list(FORM_REQUESTS))
def test_forms_parse_as_werkzeugs(
    kwargs: t.Callable[[], dict[str, t.Any]], read_data_first: bool
) -> None:
    builder = EnvironBuilder("/", method="POST", **kwargs())
    environ = builder.get_environ()
    builder.close()
    body = environ["wsgi.input"].read()

    def parsed(cls: type[WerkzeugRequest]) -> tuple[t.Any, ...]:
        req = cls({**environ, "wsgi.input": io.BytesIO(body)})
        data = req.get_data() if read_data_first else None
        limits = (req.max_content_length, req.max_form_memory_size, req.max_form_parts)
        form = list(req.form.items(multi=True))
        files = [(key, file.filename, file.read()) for key, file in req.files.items()]
        streams = [file.stream for file in req.files.values()]
        req.close()
        return data, limits, form, files, req.stream.read(), [s.closed for s in streams]

    assert parsed(Request) == parsed(WerkzeugRequest)


# -- proxies ------------------------------------------------------------------------


class _Target:
    """The proxied object's own docstring."""

    value = "v"

    def __init__(self) -> None:
        self.lookups: list[str] = []

    def __repr__(self) -> str:
        return "<target>"

    def method(self) -> str:
        return "m"

    @property
    def failing(self) -> str:
        self.lookups.append("failing property")
        raise AttributeError("failing inside the property")

    def __getattr__(self, name: str) -> str:
        self.lookups.append(name)
        if name == "dynamic":
            return "d"
        raise AttributeError(f"no {name} here")


#: Names of the target, of Werkzeug's proxy class, and every name the Erlen
#: class defines again.
PROXY_NAMES = sorted(
    {
        "value",
        "method",
        "dynamic",
        "missing",
        "failing",
        "__class__",
        "__dict__",
        "__wrapped__",
        "_get_current_object",
        "__init__",
        "__eq__",
        *vars(LocalProxy),
    }
)
#: Bound callables that are called to compare them.
CALLED = {"method": (), "_get_current_object": (), "__getattr__": ("value",)}
CALLED["__getattribute__"] = ("value",)


def _seen(proxy: t.Any, name: str) -> tuple[t.Any, ...]:
    """What looking up ``name`` on ``proxy`` gives, in comparable form.

    Each proxy has its own target and context variable, so those are
    compared by kind.
    """
    try:
        found = getattr(proxy, name)
    except Exception as error:
        return ("raised", type(error), str(error))
    if isinstance(found, type):
        return ("class", found.__name__)
    if name in CALLED:
        called = _outcome(lambda: found(*CALLED[name]))
        if isinstance(called[-1], _Target):
            return ("called", "the target")
        return ("called", called)
    if isinstance(found, (_Target, ContextVar)):
        return ("object", type(found))
    if callable(found):
        return ("callable",)
    return ("value", found)


@pytest.mark.parametrize("bound", [True, False], ids=["bound", "unbound"])
def test_proxies_answer_every_name_as_werkzeugs(bound: bool) -> None:
    answers = []
    for proxy_class in (LocalProxy, WerkzeugLocalProxy):
        var: ContextVar[_Target] = ContextVar("target")
        target = _Target()
        if bound:
            var.set(target)
        proxy = proxy_class(var, unbound_message="no target here")
        seen = {name: _seen(proxy, name) for name in PROXY_NAMES}
        changes = (
            _outcome(lambda: setattr(proxy, "assigned", 1)),  # noqa: B023
            _outcome(lambda: proxy.assigned),  # noqa: B023
            _outcome(lambda: delattr(proxy, "assigned")),  # noqa: B023
        )
        answers.append(
            (seen, target.lookups, changes, repr(proxy), bool(proxy), dir(proxy))
        )
    assert answers[0] == answers[1]


def test_a_proxy_finds_an_attribute_set_after_a_failed_lookup() -> None:
    var: ContextVar[_Target] = ContextVar("target")
    target = _Target()
    var.set(target)
    proxy: t.Any = LocalProxy(var)
    assert not hasattr(proxy, "late")
    target.late = "here"  # type: ignore[attr-defined]
    assert proxy.late == "here"
    # The fallback Python calls after a failed lookup keeps no stale error.
    assert type(proxy).__getattr__(proxy, "late") == "here"
    assert target.lookups == ["late"]


def test_the_context_proxies_are_erlens_and_read_as_werkzeugs() -> None:
    # Switched off, the proxies are Werkzeug's own class.
    expected = LocalProxy if SPEEDUPS else WerkzeugLocalProxy
    for proxy in (app_ctx, current_app, g, request, request_ctx, session):
        assert type(proxy) is expected
        assert issubclass(type(proxy), WerkzeugLocalProxy)
        assert repr(proxy) == "<LocalProxy unbound>"
    app = Erlen(__name__)

    @app.get("/")
    def index() -> str:
        g.seen = [request.path]
        g.setdefault("seen", []).append("again")
        return f"{g.seen} {g.get('missing', 'default')} {'seen' in g}"

    assert Client(app).get("/").text == "['/', 'again'] default True"
