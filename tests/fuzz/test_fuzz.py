"""Fuzzing the WSGI callable: an app, malformed requests, and the invariants.

``hatch run test`` runs these with a short budget; ``hatch run fuzz``
(``tools/fuzz.py``) runs them with 100,000 requests and more. A
request is a WSGI environ a server could pass: every value a ``str`` of
code points below 256, as PEP 3333 says, holding anything at all. The
invariants, checked after every request:

- no exception escapes the WSGI callable;
- no 500 that the app's own code did not cause (the views mark theirs);
- no application or request context is left bound;
- ``teardown_request`` and ``teardown_appcontext`` ran exactly once;
- the limits hold: the body read from the server never passes
  ``MAX_CONTENT_LENGTH`` by more than one byte, and a form the view saw
  never had more fields, or larger ones, than the limits allow.
"""

from __future__ import annotations

import io
import logging
import os
import random
import typing as t
from collections import Counter
from dataclasses import dataclass
from dataclasses import field

import pytest
from hypothesis import given
from hypothesis import HealthCheck
from hypothesis import settings
from hypothesis import strategies as st

from erlen import abort
from erlen import Erlen
from erlen import g
from erlen import is_safe_redirect_url
from erlen import redirect
from erlen import request
from erlen import Response
from erlen import stream_with_context
from erlen_contexts import has_app_context
from erlen_contexts import has_request_context

if t.TYPE_CHECKING:
    from collections.abc import Iterator

#: Small limits, so that fuzzed requests reach them.
LIMITS = {
    "MAX_CONTENT_LENGTH": 64 * 1024,
    "MAX_FORM_MEMORY_SIZE": 4 * 1024,
    "MAX_FORM_PARTS": 40,
    "MAX_JSON_DEPTH": 32,
}
#: Set in the environ by a view, or a hook, that fails on purpose.
APP_FAILED = "fuzz.app_failed"


def make_app() -> Erlen:
    """An app whose views read every part of a request, and a few that fail."""
    app = Erlen("fuzzed")
    app.config.update(LIMITS)
    app.config["SAFE_REDIRECT_HOSTS"] = ["trusted.example"]
    counts: Counter[str] = Counter()
    app.extensions["teardowns"] = counts
    app.teardown_request(lambda exc: counts.update(["request"]))
    app.teardown_appcontext(lambda exc: counts.update(["app"]))
    _add_views(app)
    _add_hooks(app)
    return app


def _app_failure(message: str) -> t.NoReturn:
    request.environ[APP_FAILED] = True
    raise RuntimeError(message)


def _add_views(app: Erlen) -> None:
    @app.route("/", methods=["GET", "POST", "PUT", "DELETE", "PATCH"])
    def index() -> str:
        return "hello"

    @app.route("/args")
    def args() -> dict[str, t.Any]:
        return {"args": request.args.to_dict(flat=False), "full": request.full_path}

    @app.route("/form", methods=["POST", "PUT", "PATCH"])
    def form() -> dict[str, t.Any]:
        fields = request.form
        request.environ["fuzz.form_seen"] = (
            len(fields),
            max(map(len, fields.values()), default=0),
        )
        return {"fields": len(fields), "files": len(request.files)}

    @app.route("/data", methods=["POST", "PUT"])
    def data() -> str:
        return str(len(request.get_data()))

    @app.route("/json", methods=["POST", "PUT"])
    def json() -> str:
        return repr(type(request.get_json(silent=True)))

    @app.route("/json-strict", methods=["POST"])
    def json_strict() -> str:
        return repr(type(request.json))

    @app.route("/cookies")
    def cookies() -> dict[str, str]:
        return dict(request.cookies)

    @app.route("/headers")
    def headers() -> dict[str, t.Any]:
        return {
            "host": request.host,
            "agent": request.user_agent.string,
            "accept": str(request.accept_mimetypes),
            "length": request.content_length,
            "url": request.url,
        }

    @app.route("/p/<path:rest>")
    def path(rest: str) -> str:
        return rest

    @app.route("/n/<int:number>")
    def number(number: int) -> str:
        return str(number)

    @app.route("/stream")
    def stream() -> Response:
        g.word = "streamed"

        def body() -> Iterator[str]:
            yield request.path
            yield g.word

        return Response(stream_with_context(body()))

    @app.route("/redirect")
    def go() -> t.Any:
        target = request.args.get("next", "/")
        return redirect(target if is_safe_redirect_url(target) else "/")

    @app.route("/abort/<int:code>")
    def aborts(code: int) -> str:
        abort(code if 400 <= code < 600 and code != 500 else 418)

    @app.route("/boom")
    def boom() -> str:
        _app_failure("the view failed on purpose")


def _add_hooks(app: Erlen) -> None:
    @app.after_request
    def after(response: Response) -> Response:
        if request.args.get("fail") == "after":
            _app_failure("after_request failed on purpose")
        return response


# -- requests ----------------------------------------------------------------------

ROUTES = [
    "/", "/args", "/form", "/data", "/json", "/json-strict", "/cookies", "/headers",
    "/p/a/b", "/n/7", "/stream", "/redirect", "/abort/404", "/boom", "/missing",
    "/static/x.txt",
]  # fmt: skip
#: The routes that read a body.
BODY_ROUTES = frozenset({"/form", "/data", "/json", "/json-strict"})
METHODS = [
    "GET",
    "POST",
    "PUT",
    "DELETE",
    "PATCH",
    "HEAD",
    "OPTIONS",
    "TRACE",
    "CONNECT",
]
CONTENT_TYPES = [
    "application/x-www-form-urlencoded",
    "application/x-www-form-urlencoded; charset=latin-1",
    "multipart/form-data; boundary=b",
    "multipart/form-data; boundary=",
    "multipart/form-data",
    'multipart/form-data; boundary="a b"',
    "multipart/form-data; boundary=" + "x" * 200,
    "application/json",
    "application/json; charset=utf-16",
    "text/plain",
    "",
    "garbage/\x00;;=",
]


def latin1(data: bytes) -> str:
    """Bytes as WSGI carries them in a ``str``."""
    return data.decode("latin-1")


def random_bytes(rng: random.Random, size: int) -> bytes:
    return rng.randbytes(size)


def _fuzzed_path(rng: random.Random, path: str) -> str:
    """``path``, or most of the time one of a dozen ways to break it."""
    mutation = rng.randrange(16)
    if mutation == 0:
        path += "/" + "".join(
            f"%{rng.randrange(256):02X}" for _ in range(rng.randrange(6))
        )
    elif mutation == 1:
        path = "/" + "/".join(
            rng.choice(["..", ".", "", "a", "%2e%2e"]) for _ in range(6)
        )
    elif mutation == 2:
        path += "\x00" + latin1(random_bytes(rng, 4))
    elif mutation == 3:
        path = "/p/" + "a" * rng.choice([1_000, 10_000, 70_000])
    elif mutation == 4:
        path = latin1("/p/\u4e2d\u6587/caf\u00e9".encode())  # UTF-8, as WSGI carries it
    elif mutation == 5:
        path = "/p/" + latin1(random_bytes(rng, rng.randrange(1, 12)))
    elif mutation == 6:
        path = "//" + path
    elif mutation == 7:
        path = "/n/" + rng.choice(["-1", "99999999999999999999", "0x1", "1e5", ""])
    elif mutation == 8:
        path = ""
    return path


def _fuzzed_query(rng: random.Random) -> str:
    choice = rng.randrange(12)
    if choice >= 9:
        return ""
    if choice == 1:
        return latin1(random_bytes(rng, rng.randrange(1, 40)))
    if choice == 2:
        return "&".join(f"k{i}=v{i}" for i in range(rng.choice([10, 1_000, 5_000])))
    if choice == 3:
        return "next=" + rng.choice(
            ["//evil.com", "/\\evil.com", "javascript:alert(1)", "/%09/evil.com",
             "/ok", "https://trusted.example/x", "http://evil\uff0ecom"[:20]]
        ).encode().decode("latin-1")  # fmt: skip
    if choice == 4:
        return "fail=after"
    if choice == 5:
        return "v=%" + "".join(rng.choice("0123456789ABCDEFZ%") for _ in range(4))
    if choice == 6:
        return "a=" + "x" * rng.choice([100, 10_000])
    return "q=1&q=2&empty=&=nokey&plus=a+b"


def _fuzzed_headers(rng: random.Random, environ: dict[str, t.Any]) -> None:
    if rng.random() < 0.5:
        environ["HTTP_HOST"] = rng.choice(
            ["localhost", "trusted.example:8080", "", "a" * 300, "[::1]:80", "ex ample",
             "localhost:notaport", latin1(random_bytes(rng, 8)), "xn--nxa.example"]
        )  # fmt: skip
    if rng.random() < 0.4:
        environ["HTTP_COOKIE"] = rng.choice(
            ["a=1; b=2", "session=" + "x" * 10_000, ";;;=;", 'a="unterminated',
             latin1(random_bytes(rng, 20)), "a=1, a=2", "k\x7f=v", "=" * 50]
        )  # fmt: skip
    if rng.random() < 0.3:
        environ["HTTP_USER_AGENT"] = latin1(random_bytes(rng, 30))
    if rng.random() < 0.3:
        environ["HTTP_ACCEPT"] = rng.choice(
            ["*/*;q=x", "text/html,;q=0.5", "a/b;q=1.5,,"]
        )
    if rng.random() < 0.2:
        environ["HTTP_X_FORWARDED_FOR"] = "1.2.3.4, 5.6.7.8"  # a duplicate, joined
    if rng.random() < 0.2:
        environ["HTTP_IF_MODIFIED_SINCE"] = rng.choice(
            ["yesterday", "Mon, 99 Foo 1999"]
        )


def _fuzzed_body(rng: random.Random) -> bytes:
    kind = rng.randrange(12)
    if kind == 0:
        return b""
    if kind == 1:
        return random_bytes(rng, rng.choice([10, 1_000, 100_000]))
    if kind == 2:
        return b"&".join(
            b"f%d=%s" % (i, b"v" * rng.randrange(20))
            for i in range(rng.choice([5, 39, 41, 500]))
        )
    if kind == 3:
        return b"a=" + b"x" * rng.choice([100, 4_095, 4_097, 70_000])
    if kind == 4:
        return b'--b\r\nContent-Disposition: form-data; name="a"\r\n\r\nvalue\r\n--b'  # truncated
    if kind == 5:
        parts = rng.choice([1, 41, 200])
        return (
            b"".join(
                b'--b\r\nContent-Disposition: form-data; name="f%d"\r\n\r\n%s\r\n'
                % (i, b"y" * 10)
                for i in range(parts)
            )
            + b"--b--\r\n"
        )
    if kind == 6:
        return (
            b'--b\r\nContent-Disposition: form-data; name="up"; filename="a.txt"\r\n\r\n'
            + (b"z" * 5_000)
            + b"\r\n--b--\r\n"
        )
    if kind == 7:
        depth = rng.choice([5, 31, 33, 2_000, 100_000])
        return b"[" * depth + b"]" * depth
    if kind == 8:
        return rng.choice([b'{"a": ', b"{'a': 1}", b"nan", b'"\xff"', b"[1,]", b"\x00"])
    if kind == 9:
        return '{"a": "caf\u00e9"}'.encode("utf-16")
    if kind == 10:
        return b"a=\xe9&b=\xff"
    return b'{"ok": [1, 2, {"x": null}]}'


def fuzzed_environ(rng: random.Random) -> dict[str, t.Any]:
    """One malformed but well-formed (PEP 3333) request, drawn from ``rng``."""
    body = _fuzzed_body(rng)
    route = rng.choice(ROUTES)
    # Mostly a method the route takes, so that the views run.
    method = "POST" if route in BODY_ROUTES else "GET"
    if rng.random() < 0.2:
        method = rng.choice(METHODS)
    if rng.random() < 0.05:
        method = rng.choice(
            ["", "get", "G\x00T", "X" * 200, latin1(random_bytes(rng, 6))]
        )
    environ: dict[str, t.Any] = {
        "REQUEST_METHOD": method,
        "SCRIPT_NAME": rng.choice(["", "", "", "/app", "/\xe9"]),
        "PATH_INFO": _fuzzed_path(rng, route),
        "QUERY_STRING": _fuzzed_query(rng),
        "SERVER_NAME": "localhost",
        "SERVER_PORT": rng.choice(["80", "8080", "", "x"]),
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": rng.choice(["http", "https"]),
        "wsgi.input": io.BytesIO(body),
        "wsgi.errors": io.StringIO(),
        "wsgi.multithread": False,
        "wsgi.multiprocess": False,
        "wsgi.run_once": False,
    }
    content_type = rng.choice(CONTENT_TYPES)
    if content_type:
        environ["CONTENT_TYPE"] = content_type
    length_kind = rng.randrange(8)
    if length_kind == 0:
        environ["wsgi.input_terminated"] = True
        environ["HTTP_TRANSFER_ENCODING"] = "chunked"
    elif length_kind == 1:
        environ["CONTENT_LENGTH"] = rng.choice(
            ["abc", "-1", "", "99999999999", " 5", "1e3"]
        )
    elif length_kind == 2:
        environ["CONTENT_LENGTH"] = str(max(0, len(body) - rng.randrange(1, 50)))
    else:
        environ["CONTENT_LENGTH"] = str(len(body))
    _fuzzed_headers(rng, environ)
    return environ


# -- running and checking ---------------------------------------------------------------


@dataclass
class Tally:
    """What a fuzz run saw: requests, statuses, and the invariants broken."""

    requests: int = 0
    statuses: Counter[int] = field(default_factory=Counter)
    violations: list[str] = field(default_factory=list)

    def report(self) -> str:
        statuses = ", ".join(
            f"{code}: {count}" for code, count in sorted(self.statuses.items())
        )
        return (
            f"requests: {self.requests}\nstatuses: {statuses}\n"
            f"violations: {len(self.violations)}"
        )


def run_one(app: Erlen, environ: dict[str, t.Any], tally: Tally) -> None:
    """Send ``environ`` to ``app`` as a server would; record what broke."""
    counts: Counter[str] = app.extensions["teardowns"]
    counts.clear()
    tally.requests += 1
    statuses: list[str] = []
    broken: list[str] = []

    def start_response(
        status: str, headers: list[tuple[str, str]], exc_info: t.Any = None
    ) -> None:
        statuses.append(status)

    try:
        body = app(environ, start_response)
        try:
            for _ in body:
                pass
        finally:
            close = getattr(body, "close", None)
            if close is not None:
                close()
    except Exception as error:  # noqa: BLE001 - the first invariant
        broken.append(f"escaped: {error!r}")
    status = int(statuses[0].split()[0]) if statuses else 0
    tally.statuses[status] += 1
    if status == 500 and not environ.get(APP_FAILED):
        broken.append("a 500 the app did not cause")
    if has_app_context() or has_request_context():
        broken.append("a context is still bound")
    if counts["request"] != 1 or counts["app"] != 1:
        broken.append(f"teardowns: {dict(counts)}")
    broken.extend(_broken_limits(environ))
    for problem in broken:
        tally.violations.append(f"{problem} for {_describe(environ)}")


def _broken_limits(environ: dict[str, t.Any]) -> list[str]:
    broken = []
    taken = environ["wsgi.input"].tell()  # how much of the body the app read
    if taken > LIMITS["MAX_CONTENT_LENGTH"] + 1:
        broken.append(f"read {taken} bytes of the body")
    seen = environ.get("fuzz.form_seen")
    if seen is not None:
        fields, largest = seen
        if (
            fields > LIMITS["MAX_FORM_PARTS"]
            or largest > LIMITS["MAX_FORM_MEMORY_SIZE"]
        ):
            broken.append(f"a form of {fields} fields, the largest {largest}")
    return broken


def _describe(environ: dict[str, t.Any]) -> str:
    keys = (
        "REQUEST_METHOD",
        "PATH_INFO",
        "QUERY_STRING",
        "CONTENT_TYPE",
        "CONTENT_LENGTH",
    )
    return repr({key: str(environ.get(key))[:80] for key in keys})


def run_seeded(app: Erlen, seed: int, count: int, tally: Tally) -> None:
    """``count`` requests drawn from one seed: the same seed, the same requests."""
    rng = random.Random(seed)
    for _ in range(count):
        run_one(app, fuzzed_environ(rng), tally)


# -- the tests ----------------------------------------------------------------------------

#: Requests of the seeded run; ``tools/fuzz.py`` raises it.
SEEDED_REQUESTS = int(os.environ.get("ERLEN_FUZZ_REQUESTS", "1500"))
#: Examples of the property-based run; ``tools/fuzz.py`` raises it.
EXAMPLES = int(os.environ.get("ERLEN_FUZZ_EXAMPLES", "150"))
#: Seed of the seeded run, so a failure can be replayed.
SEED = int(os.environ.get("ERLEN_FUZZ_SEED", "15"))


@pytest.fixture(autouse=True)
def _quiet_logs(caplog: pytest.LogCaptureFixture) -> None:
    # The app logs every failure the views cause on purpose.
    caplog.set_level(logging.CRITICAL, logger="fuzzed")


def test_seeded_requests_break_no_invariant() -> None:
    app = make_app()
    tally = Tally()
    run_seeded(app, SEED, SEEDED_REQUESTS, tally)
    print(f"\nseeded fuzz, seed {SEED}\n{tally.report()}")
    for violation in tally.violations[:20]:
        print(violation)
    assert tally.violations == []
    # The run reached the limits and the app's own failures, not only 200s.
    assert {400, 404, 413, 500}.issubset(tally.statuses)


LATIN1 = st.characters(max_codepoint=255)
WSGI_TEXT = st.text(LATIN1, max_size=60)
HEADER_KEYS = st.sampled_from(
    ["HTTP_HOST", "HTTP_COOKIE", "HTTP_ACCEPT", "HTTP_USER_AGENT", "HTTP_RANGE",
     "HTTP_IF_NONE_MATCH", "HTTP_AUTHORIZATION", "HTTP_X_FORWARDED_FOR",
     "HTTP_TRANSFER_ENCODING", "CONTENT_TYPE", "CONTENT_LENGTH"]
)  # fmt: skip


@st.composite
def environs(draw: st.DrawFn) -> dict[str, t.Any]:
    """A request with every field drawn by hypothesis, over known routes."""
    body = draw(
        st.binary(max_size=300) | st.sampled_from([b"a=1&b=2", b"[[[]]]", b"{}"])
    )
    route = draw(st.sampled_from(ROUTES))
    environ: dict[str, t.Any] = {
        "REQUEST_METHOD": draw(st.sampled_from(METHODS) | WSGI_TEXT),
        "SCRIPT_NAME": draw(st.just("") | WSGI_TEXT),
        "PATH_INFO": draw(st.just(route) | st.builds(lambda t: route + t, WSGI_TEXT)),
        "QUERY_STRING": draw(WSGI_TEXT),
        "SERVER_NAME": "localhost",
        "SERVER_PORT": draw(st.sampled_from(["80", "443", "", "abc"])),
        "wsgi.url_scheme": draw(st.sampled_from(["http", "https"])),
        "wsgi.input": io.BytesIO(body),
        "wsgi.errors": io.StringIO(),
    }
    headers = draw(
        st.dictionaries(HEADER_KEYS, WSGI_TEXT | st.sampled_from(CONTENT_TYPES))
    )
    environ.update(headers)
    if draw(st.booleans()):
        environ["wsgi.input_terminated"] = True
    return environ


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    database=None,
)
@given(environ=environs())
def test_generated_requests_break_no_invariant(environ: dict[str, t.Any]) -> None:
    tally = Tally()
    run_one(_APP, environ, tally)
    assert tally.violations == []


_APP = make_app()
