"""Where Erlen is stricter than Flask: input limits that hold, 4xx for bad input.

docs/security.md lists each rule; these tests hold Erlen to it.
"""

from __future__ import annotations

import io
import typing as t

import pytest

import erlen
from erlen import Erlen
from erlen import is_safe_redirect_url
from erlen import request
from erlen.limits import check_json_depth
from erlen.limits import JSONDepthError
from erlen.wrappers import Headers
from erlen.wrappers import Response


def environ(
    path: str = "/",
    method: str = "GET",
    body: bytes = b"",
    content_type: str | None = None,
    query: str = "",
    chunked: bool = False,
) -> dict[str, t.Any]:
    """A WSGI environ as a server builds it; ``chunked`` as gunicorn passes one."""
    env: dict[str, t.Any] = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": "localhost",
        "SERVER_PORT": "80",
        "HTTP_HOST": "localhost",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(body),
        "wsgi.errors": io.StringIO(),
    }
    if content_type is not None:
        env["CONTENT_TYPE"] = content_type
    if chunked:
        env["wsgi.input_terminated"] = True
        env["HTTP_TRANSFER_ENCODING"] = "chunked"
    else:
        env["CONTENT_LENGTH"] = str(len(body))
    return env


def call(app: Erlen, env: dict[str, t.Any]) -> tuple[int, bytes]:
    statuses: list[str] = []
    body = app(env, lambda status, headers, exc_info=None: statuses.append(status))
    data = b"".join(body)
    getattr(body, "close", lambda: None)()
    return int(statuses[0].split()[0]), data


@pytest.fixture
def app() -> Erlen:
    app = Erlen("hardening")

    @app.post("/form")
    def form() -> str:
        return f"{len(request.form)} {sum(map(len, request.form.values()))}"

    @app.post("/data")
    def data() -> str:
        return str(len(request.get_data()))

    @app.post("/json")
    def json() -> str:
        return repr(request.get_json())

    @app.post("/json-silent")
    def json_silent() -> str:
        return repr(request.get_json(silent=True))

    @app.get("/args")
    def args() -> str:
        return repr(request.args.to_dict())

    @app.get("/p/<name>")
    def path(name: str) -> str:
        return name

    return app


FORM = "application/x-www-form-urlencoded"

# -- 1. a body without a length is held to MAX_CONTENT_LENGTH ---------------------


@pytest.mark.parametrize("path", ["/form", "/data"])
def test_a_chunked_body_past_the_limit_is_413_without_reading_it_all(
    app: Erlen, path: str
) -> None:
    app.config.update(MAX_CONTENT_LENGTH=1_000_000, MAX_FORM_MEMORY_SIZE=None)
    env = environ(path, "POST", b"", FORM, chunked=True)
    env["wsgi.input"] = stream = io.BytesIO(b"a=" + b"x" * 3_000_000)
    assert call(app, env)[0] == 413
    assert stream.tell() == 1_000_001  # one byte past the limit, no more


def test_a_chunked_body_within_the_limit_is_read_whole(app: Erlen) -> None:
    app.config["MAX_CONTENT_LENGTH"] = 1_000
    assert call(app, environ("/data", "POST", b"x" * 1_000, chunked=True)) == (
        200,
        b"1000",
    )
    assert call(app, environ("/form", "POST", b"a=b&c=d", FORM, chunked=True)) == (
        200,
        b"2 2",
    )


def test_a_chunked_body_with_a_length_past_the_limit_is_refused_at_once(
    app: Erlen,
) -> None:
    app.config["MAX_CONTENT_LENGTH"] = 10
    env = environ("/data", "POST", b"x" * 20, chunked=True)
    env["CONTENT_LENGTH"] = "20"
    assert call(app, env)[0] == 413


def test_without_a_limit_a_chunked_body_is_read_as_werkzeug_reads_it(
    app: Erlen,
) -> None:
    assert call(app, environ("/data", "POST", b"x" * 5_000, chunked=True)) == (
        200,
        b"5000",
    )


# -- 2. URL-encoded forms are held to the form limits -------------------------------


def test_a_urlencoded_field_past_max_form_memory_size_is_413(app: Erlen) -> None:
    app.config["MAX_FORM_MEMORY_SIZE"] = 1_000
    big = b"a=" + b"x" * 1_000
    status, body = call(app, environ("/form", "POST", big, FORM))
    assert status == 413
    assert b"MAX_FORM_MEMORY_SIZE" in body
    # In the middle of the form, and split across reading chunks, too.
    middle = b"b=1&" + big + b"&c=2"
    assert call(app, environ("/form", "POST", middle, FORM))[0] == 413
    app.config["MAX_FORM_MEMORY_SIZE"] = 100_000
    spanning = b"a=1&" + b"b=" + b"x" * 70_000 + b"&" + b"c=" + b"y" * 70_000
    assert call(app, environ("/form", "POST", spanning, FORM))[0] == 200
    app.config["MAX_FORM_MEMORY_SIZE"] = 60_000
    assert call(app, environ("/form", "POST", spanning, FORM))[0] == 413


def test_the_default_form_memory_size_refuses_600_kb(app: Erlen) -> None:
    body = b"a=" + b"x" * 600_000
    assert call(app, environ("/form", "POST", body, FORM))[0] == 413


def test_a_urlencoded_form_with_more_fields_than_max_form_parts_is_413(
    app: Erlen,
) -> None:
    fields = b"&".join(b"a%d=1" % number for number in range(100_000))
    status, body = call(app, environ("/form", "POST", fields, FORM))
    assert status == 413
    assert b"MAX_FORM_PARTS" in body
    app.config["MAX_FORM_PARTS"] = 3
    assert call(app, environ("/form", "POST", b"a=1&b=2&c=3", FORM)) == (200, b"3 3")
    assert call(app, environ("/form", "POST", b"a=1&b=2&c=3&d=4", FORM))[0] == 413


def test_without_form_limits_a_urlencoded_form_is_parsed_whole(app: Erlen) -> None:
    app.config.update(MAX_FORM_MEMORY_SIZE=None, MAX_FORM_PARTS=None)
    fields = b"&".join(b"a%d=1" % number for number in range(5_000))
    assert call(app, environ("/form", "POST", fields, FORM)) == (200, b"5000 5000")


def test_limits_set_on_the_request_apply_to_urlencoded_forms(app: Erlen) -> None:
    @app.post("/own")
    def own() -> str:
        request.max_form_parts = 1
        return str(len(request.form))

    assert call(app, environ("/own", "POST", b"a=1&b=2", FORM))[0] == 413


# -- 3. deeply nested JSON ----------------------------------------------------------


DEEP = b"[" * 100_000 + b"]" * 100_000


def test_deeply_nested_json_is_400_not_a_recursion_error(app: Erlen) -> None:
    assert call(app, environ("/json", "POST", DEEP, "application/json"))[0] == 400


def test_deeply_nested_json_is_none_when_silent(app: Erlen) -> None:
    assert call(app, environ("/json-silent", "POST", DEEP, "application/json")) == (
        200,
        b"None",
    )


def test_the_json_depth_limit_is_configurable(app: Erlen) -> None:
    doc = b'{"a": [[{"b": "[[[[[[[["}]]}'  # depth 4; brackets in strings do not count
    app.config["MAX_JSON_DEPTH"] = 4
    assert call(app, environ("/json", "POST", doc, "application/json"))[0] == 200
    app.config["MAX_JSON_DEPTH"] = 3
    assert call(app, environ("/json", "POST", doc, "application/json"))[0] == 400
    assert call(app, environ("/json-silent", "POST", doc, "application/json")) == (
        200,
        b"None",
    )


def test_without_a_depth_limit_a_recursion_error_is_still_400(app: Erlen) -> None:
    app.config["MAX_JSON_DEPTH"] = None
    assert call(app, environ("/json", "POST", DEEP, "application/json"))[0] == 400


def test_the_default_depth_is_documented_in_the_config() -> None:
    assert Erlen("d").config["MAX_JSON_DEPTH"] == 500


@pytest.mark.parametrize(
    ("document", "depth"),
    [
        ("[]", 1),
        ('["[", "]]]", "\\"["]', 1),
        ('{"a": {"b": [1, {"c": []}]}}', 5),
        ("[" * 600 + "]" * 600, 600),
        ('"' + "[" * 600 + '"', 0),
    ],
)
def test_depth_is_measured_outside_strings(document: str, depth: int) -> None:
    check_json_depth(document, depth)
    check_json_depth(document.encode("utf-16"), depth)
    if depth:
        with pytest.raises(JSONDepthError):
            check_json_depth(document.encode(), depth - 1)


# -- 4. bytes that are not UTF-8 ----------------------------------------------------


def test_a_raw_non_utf8_byte_in_the_query_string_is_400(app: Erlen) -> None:
    status, body = call(app, environ("/args", query="v=\xe9"))
    assert status == 400
    assert b"query string is not valid UTF-8" in body


def test_a_percent_escaped_byte_in_the_query_string_is_kept(app: Erlen) -> None:
    # Werkzeug already answers this one, as Flask does.
    assert call(app, environ("/args", query="v=%E9")) == (200, b"{'v': '%E9'}")
    assert call(app, environ("/args", query="v=caf\xc3\xa9")) == (
        200,
        b"{'v': 'caf\xc3\xa9'}",
    )


def test_a_raw_non_utf8_byte_in_the_path_is_400(app: Erlen) -> None:
    status, body = call(app, environ("/p/\xe9"))
    assert status == 400
    assert b"path is not valid UTF-8" in body
    assert call(app, environ("/p/caf\xc3\xa9")) == (200, "café".encode())


def test_a_urlencoded_form_that_is_not_utf8_is_400(app: Erlen) -> None:
    for body in (b"a=\xe9", b"\xe9=1", b"a=1&b=\xff\xfe"):
        status, page = call(app, environ("/form", "POST", body, FORM))
        assert status == 400, body
        assert b"form body is not valid UTF-8" in page


# -- 5. response headers --------------------------------------------------------------


BAD_VALUES = [
    "a\x00b",
    "a\x0bb",
    "a\x0cb",
    "a\x85b",
    "a\u2028b",
    "a\u2029b",
    "a\x1fb",
    "\x7f",
]
BAD_NAMES = [
    "X\r\nInjected",
    "X\nY",
    "X Y",
    "X:Y",
    "",
    "X\x00",
    "X\x85",
    "X\u2028",
    b"X",
]


@pytest.mark.parametrize("value", [*BAD_VALUES, "a\nb", "a\rb"])
@pytest.mark.parametrize("how", ["item", "set", "add", "setdefault", "extend", "init"])
def test_a_header_value_with_a_control_character_is_refused_naming_it(
    value: str, how: str
) -> None:
    headers = Headers()
    with pytest.raises(ValueError, match="X-Name"):
        if how == "item":
            headers["X-Name"] = value
        elif how == "set":
            headers.set("X-Name", value)
        elif how == "add":
            headers.add("X-Name", value)
        elif how == "setdefault":
            headers.setdefault("X-Name", value)
        elif how == "extend":
            headers.extend([("X-Name", value)])
        else:
            Headers([("X-Name", value)])
    assert list(headers) == []


@pytest.mark.parametrize("name", BAD_NAMES)
@pytest.mark.parametrize("how", ["item", "set", "add"])
def test_a_header_name_with_a_control_character_is_refused(
    name: t.Any, how: str
) -> None:
    headers = Headers()
    with pytest.raises(ValueError, match="Invalid header name"):
        if how == "item":
            headers[name] = "1"
        elif how == "set":
            headers.set(name, "1")
        else:
            headers.add(name, "1")
    assert list(headers) == []


class Text(str):
    """A ``str`` subclass, which takes Werkzeug's own path."""


def test_headers_set_by_index_slice_or_option_are_checked() -> None:
    headers = Headers([("X-A", "1"), ("X-B", "2")])
    with pytest.raises(ValueError, match="X-C"):
        headers[0] = ("X-C", "a\x00")
    with pytest.raises(ValueError, match="Invalid header name"):
        headers[0:1] = [("X\r\nC", "1")]
    with pytest.raises(ValueError, match="Content-Disposition"):
        headers.add("Content-Disposition", "attachment", filename="a\u2028b")
    with pytest.raises(ValueError, match="X-Int"):
        headers.set("X-Int", Text("a\x0bb"))
    assert list(headers) == [("X-A", "1"), ("X-B", "2")]


def test_tabs_and_ordinary_unicode_are_accepted() -> None:
    headers = Headers()
    headers["X-Tab"] = "a\tb"
    headers.add("X-Text", "caf\u00e9 \u00a0\u4e2d")
    headers.set("\u212a-Sign", "kelvin")  # Werkzeug's names are not only ASCII
    assert headers["X-Tab"] == "a\tb"
    assert headers["X-Text"] == "caf\u00e9 \u00a0\u4e2d"


def test_a_view_setting_a_bad_header_gets_a_500_that_names_it() -> None:
    app = Erlen("headers")
    app.testing = True

    @app.get("/")
    def index() -> Response:
        response = Response("x")
        response.headers["X\r\nInjected"] = "1"
        return response

    with pytest.raises(ValueError, match="Injected"):
        call(app, environ())


def test_a_cookie_whose_name_holds_a_control_character_is_refused() -> None:
    # Werkzeug writes a cookie's name as it is.
    with pytest.raises(ValueError, match="Set-Cookie"):
        Response().set_cookie("a\x7fb", "1")


# -- 6. safe redirect targets ---------------------------------------------------------

SAFE = [
    "/",
    "/account",
    "account?x=1",
    "?next=/a",
    "#top",
    "/caf%C3%A9",
    "/café",
    "http://localhost/x",
    "https://LOCALHOST/x",
    "http://trusted.example/a",
    "https://Trusted.Example:8443/a",
]
UNSAFE = [
    "",
    "//evil.com",
    "///evil.com",
    "/\\evil.com",
    "\\\\evil.com",
    "/%09/evil.com",
    "/%5Cevil.com",
    "%2F%2Fevil.com",
    "/%2509/evil.com",
    " //evil.com",
    "\t//evil.com",
    "/\t/evil.com",
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    "java\nscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "http://evil.com",
    "https://evil.com/localhost",
    "http:evil.com",
    "https:/evil.com",
    "http://localhost@evil.com",
    "http://evil.com\\@localhost",
    "http://evil\u3002com",
    "//evil\uff0ecom",
    "\uff0f\uff0fevil.com",
    "http://localhost:99999/",
    "ftp://localhost/x",
]


@pytest.mark.parametrize("url", SAFE)
def test_local_and_configured_urls_are_safe_to_redirect_to(url: str) -> None:
    app = Erlen("redirects")
    app.config["SAFE_REDIRECT_HOSTS"] = ["trusted.example"]
    with app.test_request_context("/login", base_url="http://localhost"):
        assert is_safe_redirect_url(url)


@pytest.mark.parametrize("url", UNSAFE)
def test_other_hosts_and_browser_tricks_are_not(url: str) -> None:
    app = Erlen("redirects")
    with app.test_request_context("/login", base_url="http://localhost"):
        assert not is_safe_redirect_url(url)


def test_allowed_hosts_may_be_passed_and_ports_must_match() -> None:
    assert not is_safe_redirect_url("https://api.example/x")
    assert is_safe_redirect_url("https://api.example/x", ["API.example"])
    assert is_safe_redirect_url("https://api.example:8443/x", ["api.example:8443"])
    assert not is_safe_redirect_url("https://api.example:9000/x", ["api.example:8443"])
    assert is_safe_redirect_url("/relative")  # outside any request


def test_the_helper_is_offered_by_the_facade() -> None:
    assert erlen.is_safe_redirect_url is erlen.helpers.is_safe_redirect_url
    assert Erlen("d").config["SAFE_REDIRECT_HOSTS"] is None
