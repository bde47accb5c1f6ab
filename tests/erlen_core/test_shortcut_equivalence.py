"""Every shortcut answers as the general code it stands in for, on any input.

Each shortcut in erlen-core handles the shapes of input it recognises and
hands anything else to Werkzeug's general code. Real apps give shapes the
shortcuts' authors did not picture (a dict assigned to ``response.headers``,
an ``HTTPException`` that never called ``__init__``), so these tests
generate inputs of every shape an app may give, run the shortcut and the
general path (Werkzeug's own method, called on the same object) on the
same input, and compare the status, headers and body sent, or the error
raised. ``test_fast_paths.py`` holds the hand-picked cases.
"""

from __future__ import annotations

import dataclasses
import datetime
import json
import typing as t
import warnings
from http import HTTPStatus
from unittest import mock

import pytest
from hypothesis import example
from hypothesis import given
from hypothesis import HealthCheck
from hypothesis import settings
from hypothesis import strategies as st
from werkzeug.datastructures import EnvironHeaders as WerkzeugEnvironHeaders
from werkzeug.datastructures import Headers as WerkzeugHeaders
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import BadRequest
from werkzeug.exceptions import Forbidden
from werkzeug.exceptions import HTTPException
from werkzeug.exceptions import InternalServerError
from werkzeug.exceptions import MethodNotAllowed
from werkzeug.exceptions import NotFound
from werkzeug.routing import Map
from werkzeug.routing import MapAdapter
from werkzeug.routing import RequestRedirect
from werkzeug.routing import RoutingException
from werkzeug.routing import Rule
from werkzeug.test import Client
from werkzeug.test import EnvironBuilder
from werkzeug.wrappers import Request as WerkzeugRequest
from werkzeug.wrappers import Response as WerkzeugResponse

from erlen import Erlen
from erlen import Request
from erlen import Response
from erlen.error_pages import error_response
from erlen.json.provider import _encoder
from erlen.json.provider import DefaultJSONProvider
from erlen.routing import bind_request
from erlen.wrappers import Headers

#: Enough examples to meet every branch; no deadline, as the machine is shared.
EXAMPLES = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


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


def _environ(method: str = "GET") -> dict[str, t.Any]:
    return EnvironBuilder("/page", method=method).get_environ()


def _closed(body: t.Iterable[bytes]) -> bytes:
    """The bytes of a WSGI body, closed as a server closes it."""
    try:
        return b"".join(body)
    finally:
        close = getattr(body, "close", None)
        if close is not None:
            close()


def _sent_by_call(response: t.Any, environ: dict[str, t.Any]) -> tuple[t.Any, ...]:
    """Status, headers and body that ``response`` sends as a WSGI app."""
    started: list[t.Any] = []

    def start_response(status: str, headers: t.Any, exc_info: t.Any = None) -> None:
        started.extend([status, headers])

    body = _closed(response(environ, start_response))
    return (*started, body)


def _sent_by_method(
    get_wsgi_response: t.Callable[[t.Any], t.Any], environ: dict[str, t.Any]
) -> tuple[t.Any, ...]:
    """Status, headers and body a ``get_wsgi_response`` gives."""
    body, status, headers = get_wsgi_response(environ)
    return status, headers, _closed(body)


def _sends_alike(make: t.Callable[[], t.Any], method: str) -> None:
    """Erlen's send path sends what Werkzeug's general code sends, or fails alike.

    Each side gets a response of its own: a generator body is read once.
    """
    theirs = _outcome(
        lambda: _sent_by_method(
            lambda environ: WerkzeugResponse.get_wsgi_response(make(), environ),
            _environ(method),
        )
    )
    assert _outcome(lambda: _sent_by_call(make(), _environ(method))) == theirs
    assert (
        _outcome(lambda: _sent_by_method(make().get_wsgi_response, _environ(method)))
        == theirs
    )


# -- what an app may put in a response ----------------------------------------------

HEADER_NAMES = st.sampled_from(
    [
        "X-A",
        "x-a",
        "Content-Length",
        "content-length",
        "Location",
        "Content-Location",
        "Content-Type",
        "Set-Cookie",
        # Fourteen and eight characters, as the names the send path looks for.
        "X-Fourteen-Chr",
        "X-Eight!",
    ]
) | st.text(
    # Without the colon, which Erlen refuses in a name (docs/security.md).
    st.characters(min_codepoint=33, max_codepoint=126, exclude_characters=":"),
    min_size=1,
    max_size=8,
)
HEADER_VALUES = st.one_of(
    # Without control characters but tab, which Erlen refuses in a value;
    # CR and LF, which Werkzeug refuses too, are among the samples.
    st.text(
        st.characters(
            codec="latin-1", exclude_categories=["Cc"], include_characters="\t"
        ),
        max_size=8,
    ),
    st.sampled_from(["5", "0", "/caf\u00e9", "a\nb", "x\ry"]),
    st.integers(-5, 99),
)
HEADER_ITEMS = st.lists(st.tuples(HEADER_NAMES, HEADER_VALUES), max_size=5)


@st.composite
def header_shapes(draw: st.DrawFn) -> t.Any:
    """Headers as an app may give them: a dict, pairs, Werkzeug's or Erlen's."""
    items = draw(HEADER_ITEMS)
    shape = draw(
        st.sampled_from(["dict", "list", "tuple", "werkzeug", "erlen", "multidict"])
    )
    if shape == "dict":
        return dict(items)
    if shape == "list":
        return items
    if shape == "tuple":
        return tuple(items)
    if shape == "multidict":
        return MultiDict(items)
    return _outcome_or_none(WerkzeugHeaders if shape == "werkzeug" else Headers, items)


def _outcome_or_none(cls: type[WerkzeugHeaders], items: t.Any) -> t.Any:
    """``cls(items)``, or ``None`` for items it refuses (a line break)."""
    try:
        return cls(items)
    except ValueError:
        return None


STATUSES = st.one_of(
    st.sampled_from([200, 201, 204, 206, 301, 302, 304, 404, 500, 101, 199, 599, 999]),
    st.sampled_from(["201 CREATED", "418", "299 Fine", "404 Not Here"]),
    st.sampled_from([HTTPStatus.OK, HTTPStatus.NO_CONTENT, HTTPStatus.NOT_FOUND]),
)
CHUNKS = st.lists(
    st.one_of(st.binary(max_size=6), st.text(max_size=6), st.just(bytearray(b"ba"))),
    max_size=4,
)


@dataclasses.dataclass(frozen=True)
class Body:
    """A response body an app may give; built anew for each side."""

    kind: str
    value: t.Any

    def build(self) -> t.Any:
        if self.kind == "generator":
            return (chunk for chunk in self.value)
        if self.kind in ("list", "tuple"):
            return list(self.value) if self.kind == "list" else tuple(self.value)
        return self.value


BODIES = st.one_of(
    st.builds(Body, st.just("text"), st.text(max_size=8)),
    st.builds(Body, st.just("bytes"), st.binary(max_size=8)),
    st.builds(Body, st.just("bytearray"), st.binary(max_size=4).map(bytearray)),
    st.builds(Body, st.just("none"), st.none()),
    st.builds(Body, st.sampled_from(["list", "tuple", "generator"]), CHUNKS),
)


class _TaggedHeaders(Response):
    def get_wsgi_headers(self, environ: t.Any) -> t.Any:
        headers = super().get_wsgi_headers(environ)
        headers["X-Tagged"] = "yes"
        return headers


class _Doubled(Response):
    def iter_encoded(self) -> t.Iterator[bytes]:
        for chunk in super().iter_encoded():
            yield chunk * 2


class _Upper(Response):
    def set_data(self, value: t.Any) -> None:
        super().set_data(value.upper())


class _NoLength(Response):
    automatically_set_content_length = False


class _NoType(Response):
    default_mimetype = None


class _Created(Response):
    default_status = 201


class _Teapot(Response):
    def _clean_status(self, value: t.Any) -> tuple[str, int]:
        return "418 TEAPOT", 418


RESPONSE_CLASSES = st.sampled_from(
    [
        Response,
        Response,
        Response,
        _TaggedHeaders,
        _Doubled,
        _Upper,
        _NoLength,
        _NoType,
        _Created,
        _Teapot,
    ]
)


@dataclasses.dataclass(frozen=True)
class Recipe:
    """How an app builds a response and what it changes before returning it."""

    cls: type[Response]
    body: Body
    options: dict[str, t.Any]
    #: Assigned to ``response.headers`` after construction, unless ``None``.
    headers: t.Any
    status: t.Any
    on_close: bool

    def build(self) -> Response:
        response = self.cls(self.body.build(), **self.options)
        if self.headers is not None:
            response.headers = self.headers  # type: ignore[assignment]
        if self.status is not None:
            response.status = self.status
        if self.on_close:
            response.call_on_close(lambda: None)
        return response


@st.composite
def recipes(draw: st.DrawFn) -> Recipe:
    options: dict[str, t.Any] = {}
    if draw(st.booleans()):
        options["status"] = draw(STATUSES)
    if draw(st.booleans()):
        options["headers"] = draw(header_shapes())
    choice = draw(st.sampled_from(["", "mimetype", "content_type"]))
    if choice:
        options[choice] = draw(
            st.sampled_from(["text/plain", "application/json", "text/plain\n"])
        )
    options["direct_passthrough"] = draw(st.booleans())
    return Recipe(
        cls=draw(RESPONSE_CLASSES),
        body=draw(BODIES),
        options=options,
        headers=draw(st.none() | header_shapes()),
        status=draw(st.none() | STATUSES),
        on_close=draw(st.booleans()),
    )


METHODS = st.sampled_from(["GET", "HEAD", "POST"])


# -- sending ---------------------------------------------------------------------------


@EXAMPLES
@given(recipe=recipes(), method=METHODS)
def test_any_response_sends_what_werkzeug_sends(recipe: Recipe, method: str) -> None:
    built = _outcome(recipe.build)
    if built[0] == "raised":
        return  # construction is compared below
    _sends_alike(recipe.build, method)


@pytest.mark.parametrize(
    "headers",
    [{"X-Foo": "1"}, [("X-Foo", "1"), ("X-Bar", "2")], (("X-Foo", "1"),)],
    ids=["dict", "list", "tuple"],
)
@pytest.mark.parametrize("method", ["GET", "HEAD"])
def test_headers_assigned_as_a_plain_container_are_sent(
    headers: t.Any, method: str
) -> None:
    # Issue 20: the short send path unpacked a dict's keys as pairs.
    def make() -> Response:
        response = Response("body")
        response.headers = headers
        return response

    _sends_alike(make, method)


# -- construction ----------------------------------------------------------------------


def _state(response: WerkzeugResponse) -> tuple[t.Any, ...]:
    return (
        response.status,
        response.status_code,
        list(response.headers),
        response.response if isinstance(response.response, list) else None,
        response.direct_passthrough,
        response._on_close,
    )


@EXAMPLES
@given(recipe=recipes())
def test_responses_are_built_as_werkzeugs_constructor_builds_them(
    recipe: Recipe,
) -> None:
    def ours() -> tuple[t.Any, ...]:
        return _state(recipe.cls(recipe.body.build(), **recipe.options))

    def theirs() -> tuple[t.Any, ...]:
        # Werkzeug's constructor on an object of the same class, so a
        # subclass's overrides take part on both sides.
        response = recipe.cls.__new__(recipe.cls)
        WerkzeugResponse.__init__(response, recipe.body.build(), **recipe.options)
        return _state(response)

    assert _outcome(ours) == _outcome(theirs)


# -- response headers ------------------------------------------------------------------


class _LoggedSet(Headers):
    """An app's subclass of Erlen's headers that watches ``set``."""

    def set(self, key: str, value: t.Any, /, **kwargs: t.Any) -> None:
        super().set(key, f"seen {value}", **kwargs)


class _WerkzeugLoggedSet(WerkzeugHeaders):
    def set(self, key: str, value: t.Any, /, **kwargs: t.Any) -> None:
        super().set(key, f"seen {value}", **kwargs)


#: Characters Erlen lets into a header value: Werkzeug writes a cookie's
#: control characters and line breaks as they are, and Erlen refuses them.
SAFE_CHARACTERS = st.characters(exclude_categories=["Cc", "Zl", "Zp"])
SAFE_TEXT = st.text(SAFE_CHARACTERS, max_size=3)
HEADER_CALLS = st.tuples(
    st.sampled_from(["setitem", "set", "add"]),
    HEADER_NAMES,
    HEADER_VALUES | st.builds(str, SAFE_TEXT),
    st.sampled_from([{}, {"filename": "a b"}]),
) | st.tuples(
    # An int is an index for item assignment only: as a name, Erlen
    # refuses it (test_hardening_headers.py), where Werkzeug's answer
    # depends on what the headers already hold.
    st.just("setitem"),
    st.integers(-3, 3),
    st.tuples(HEADER_NAMES, HEADER_VALUES),
    st.just({}),
)


def _apply(headers: t.Any, call: tuple[str, t.Any, t.Any, dict[str, t.Any]]) -> None:
    name, key, value, options = call
    if name == "setitem":
        headers[key] = value
    else:
        getattr(headers, name)(key, value, **options)


@pytest.mark.parametrize(
    ("ours_class", "theirs_class"),
    [(Headers, WerkzeugHeaders), (_LoggedSet, _WerkzeugLoggedSet)],
    ids=["plain", "set overridden"],
)
@EXAMPLES
@given(start=HEADER_ITEMS, calls=st.lists(HEADER_CALLS, max_size=4))
def test_header_changes_match_werkzeugs(
    ours_class: type[Headers],
    theirs_class: type[WerkzeugHeaders],
    start: list[tuple[str, t.Any]],
    calls: list[t.Any],
) -> None:
    ours = _outcome(lambda: ours_class(start))
    theirs = _outcome(lambda: theirs_class(start))
    assert ours[:1] == theirs[:1]
    if ours[0] == "raised":
        return
    for call in calls:
        assert _outcome(lambda: _apply(ours[1], call)) == _outcome(  # noqa: B023
            lambda: _apply(theirs[1], call)  # noqa: B023
        )
    assert list(ours[1]) == list(theirs[1])


# -- cookies -------------------------------------------------------------------------

COOKIE_TEXT = st.text(
    st.sampled_from(list("ab=;, \t\"\\\u00e9\x7f!#$%&'()*+-./:<>?@[]^_`{|}~1")),
    max_size=8,
)
#: Werkzeug writes a cookie's name as it is, so one with DEL would be a
#: header value Erlen refuses (test_hardening_headers.py); values are quoted.
COOKIE_NAMES = COOKIE_TEXT.filter(lambda text: "\x7f" not in text)


def _cookie_headers(cls: type[WerkzeugResponse], options: dict[str, t.Any]) -> t.Any:
    def set_cookie() -> t.Any:
        response = cls()
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            response.set_cookie(**options)
        return response.headers.getlist("Set-Cookie"), [str(w.message) for w in caught]

    return _outcome(set_cookie)


@EXAMPLES
@given(
    key=COOKIE_NAMES,
    value=COOKIE_TEXT | st.text(SAFE_CHARACTERS, max_size=6),
    path=st.sampled_from(["/", None, "/a b", "/\u00e9"]),
    domain=st.sampled_from([None, "example.com", ".b\u00fccher.example"]),
    secure=st.booleans(),
    httponly=st.booleans(),
    samesite=st.sampled_from([None, "Lax", "strict", "None", "odd"]),
    partitioned=st.booleans(),
    max_age=st.sampled_from([None, None, 0, 60]),
)
def test_cookies_are_set_as_werkzeug_sets_them(**options: t.Any) -> None:
    # Werkzeug dates Expires from its clock when Max-Age is set; the two
    # sides are set a moment apart, so the clock stands still for both.
    with mock.patch("werkzeug.http.datetime", _StoppedClock):
        assert _cookie_headers(Response, options) == _cookie_headers(
            WerkzeugResponse, options
        )


class _StoppedClock(datetime.datetime):
    """``datetime`` whose ``now`` is always the same moment."""

    @classmethod
    def now(cls, tz: datetime.tzinfo | None = None) -> _StoppedClock:
        return cls(2026, 1, 1, tzinfo=tz)


@EXAMPLES
@given(header=COOKIE_TEXT | st.text(max_size=12))
def test_cookie_headers_parse_as_werkzeug_parses_them(header: str) -> None:
    environ = _environ()
    environ["HTTP_COOKIE"] = header.encode().decode("latin1")
    ours = Request(dict(environ)).cookies
    theirs = WerkzeugRequest(dict(environ)).cookies
    assert list(ours.items(multi=True)) == list(theirs.items(multi=True))


# -- error pages -----------------------------------------------------------------------


def _own_response(
    self: HTTPException, environ: t.Any = None, scope: t.Any = None
) -> t.Any:
    return WerkzeugResponse("moved", 303, headers={"Location": "/caf\u00e9"})


def _own_erlen_response(
    self: HTTPException, environ: t.Any = None, scope: t.Any = None
) -> t.Any:
    return Response("gone elsewhere", 410, headers={"X-Own": "1"})


def _own_body(self: HTTPException, environ: t.Any = None, scope: t.Any = None) -> str:
    return "<p>own body</p>"


def _own_headers(
    self: HTTPException, environ: t.Any = None, scope: t.Any = None
) -> t.Any:
    return [("Content-Type", "text/plain"), ("X-Own", "yes")]


def _own_description(
    self: HTTPException, environ: t.Any = None, scope: t.Any = None
) -> str:
    return "<p>own description</p>"


def _bare_init(self: HTTPException, *args: t.Any, **kwargs: t.Any) -> None:
    """An ``__init__`` that never calls ``HTTPException.__init__``."""
    self.url = "/next"  # type: ignore[attr-defined]


OVERRIDES: dict[str, dict[str, t.Any]] = {
    "get_response": {"get_response": _own_response},
    "get_response giving Erlen's": {"get_response": _own_erlen_response},
    "get_body": {"get_body": _own_body},
    "get_headers": {"get_headers": _own_headers},
    "get_description": {"get_description": _own_description},
    "class response": {"response": None},
    "class description": {"description": "Class-level words."},
    "code": {"code": 418},
    "no code": {"code": None},
}


@dataclasses.dataclass(frozen=True)
class ErrorShape:
    """An ``HTTPException`` subclass and how the app raises it."""

    base: type[HTTPException]
    routing: bool
    overrides: tuple[str, ...]
    calls_init: bool
    description: str | None
    with_response: bool

    def build(self) -> HTTPException:
        namespace: dict[str, t.Any] = {}
        for name in self.overrides:
            namespace.update(OVERRIDES[name])
        if not self.calls_init:
            namespace["__init__"] = _bare_init
        bases = (self.base, RoutingException) if self.routing else (self.base,)
        cls = type("Raised", bases, namespace)
        if not self.calls_init:
            return cls()  # type: ignore[no-any-return]
        kwargs: dict[str, t.Any] = {}
        if self.description is not None:
            kwargs["description"] = self.description
        if self.with_response:
            kwargs["response"] = WerkzeugResponse("given", 409, headers={"X-G": "1"})
        if self.base is MethodNotAllowed:
            kwargs["valid_methods"] = ["GET", "POST"]
        return cls(**kwargs)  # type: ignore[no-any-return]


ERRORS = st.builds(
    ErrorShape,
    base=st.sampled_from(
        [NotFound, Forbidden, BadRequest, InternalServerError, MethodNotAllowed]
    ),
    routing=st.booleans(),
    overrides=st.lists(st.sampled_from(sorted(OVERRIDES)), max_size=2, unique=True).map(
        tuple
    ),
    calls_init=st.booleans(),
    description=st.none() | st.sampled_from(["No user <7> here.", ""]),
    with_response=st.booleans(),
)
PAGE_CLASSES = st.sampled_from([Response, _Upper, _NoLength, _NoType, _TaggedHeaders])


def _general_error_response(
    error: HTTPException, response_class: type[Response], environ: dict[str, t.Any]
) -> WerkzeugResponse:
    """What Werkzeug's general code makes of a returned exception: run it as
    the WSGI app it is, and read the answer back (``force_type``)."""
    return response_class.force_type(error, environ)  # type: ignore[arg-type]


#: A stock error, whose page the shortcut formats once.
STOCK = ErrorShape(NotFound, False, (), True, None, False)


@EXAMPLES
@given(shape=ERRORS, response_class=PAGE_CLASSES, method=METHODS)
@example(
    shape=ErrorShape(NotFound, True, ("get_response",), False, None, False),
    response_class=Response,
    method="GET",
)
@example(shape=STOCK, response_class=_Upper, method="GET")
@example(shape=STOCK, response_class=_NoLength, method="GET")
def test_error_pages_are_what_the_exception_sends(
    shape: ErrorShape, response_class: type[Response], method: str
) -> None:
    # Issue 20: an exception that writes its own response and never called
    # HTTPException.__init__ has no ``response`` attribute to read.
    def ours() -> tuple[t.Any, ...]:
        environ = _environ(method)
        response = error_response(shape.build(), response_class, environ)
        return _sent_by_method(
            lambda e: WerkzeugResponse.get_wsgi_response(response, e), environ
        )

    def theirs() -> tuple[t.Any, ...]:
        environ = _environ(method)
        response = _general_error_response(shape.build(), response_class, environ)
        return _sent_by_method(
            lambda e: WerkzeugResponse.get_wsgi_response(response, e), environ
        )

    assert _outcome(ours) == _outcome(theirs)


@pytest.mark.parametrize(
    "valid_methods", [None, [], ["GET"], ["GET", "HEAD", "PUT"]], ids=repr
)
@pytest.mark.parametrize("method", ["GET", "HEAD"])
def test_method_not_allowed_pages_are_what_the_exception_sends(
    valid_methods: list[str] | None, method: str
) -> None:
    def sent(make: t.Callable[..., t.Any]) -> tuple[t.Any, ...]:
        environ = _environ(method)
        response = make(MethodNotAllowed(valid_methods), Response, environ)
        return _sent_by_method(
            lambda e: WerkzeugResponse.get_wsgi_response(response, e), environ
        )

    assert sent(error_response) == sent(_general_error_response)


# -- make_response ---------------------------------------------------------------------


class _Text(str):
    """A ``str`` the exact-type shortcut of ``make_response`` does not take."""


class _Object(dict):  # type: ignore[type-arg]
    """A ``dict`` the exact-type shortcut of ``make_response`` does not take."""


def _wsgi_app(environ: t.Any, start_response: t.Any) -> list[bytes]:
    start_response("202 ACCEPTED", [("Content-Type", "text/plain"), ("X-W", "1")])
    return [b"from a WSGI app"]


@dataclasses.dataclass(frozen=True)
class Returned:
    """A value a view returns, and the same value past every shortcut."""

    kind: str
    value: t.Any

    def build(self, disguised: bool) -> t.Any:
        value = self.value
        if self.kind == "text":
            return _Text(value) if disguised else value
        if self.kind == "dict":
            return _Object(value) if disguised else dict(value)
        if self.kind == "generator":
            return (chunk for chunk in value)
        if self.kind == "list":
            return list(value)
        if self.kind == "response":
            return Response(value, headers={"X-R": "1"})
        if self.kind == "werkzeug response":
            return WerkzeugResponse(value, headers={"X-R": "1"})
        if self.kind == "error":
            return value.build()
        return value


RETURNED = st.one_of(
    st.builds(Returned, st.just("text"), st.text(max_size=6)),
    st.builds(Returned, st.just("bytes"), st.binary(max_size=6)),
    st.builds(
        Returned, st.just("dict"), st.dictionaries(st.text(max_size=3), st.integers())
    ),
    st.builds(Returned, st.just("list"), st.lists(st.integers(), max_size=3)),
    st.builds(
        Returned, st.just("generator"), st.lists(st.text(max_size=3), max_size=3)
    ),
    st.builds(Returned, st.sampled_from(["response", "werkzeug response"]), st.text()),
    st.builds(Returned, st.just("wsgi"), st.just(_wsgi_app)),
    st.builds(Returned, st.just("error"), ERRORS),
)
RETURN_STATUSES = st.sampled_from(
    [201, "202 ACCEPTED", "418", HTTPStatus.CREATED, b"299 Bytes"]
)


@st.composite
def return_values(draw: st.DrawFn) -> tuple[Returned, str, t.Any, t.Any]:
    """A returned value, the tuple shape it comes in, its status and headers."""
    shape = draw(st.sampled_from(["bare", "status", "headers", "both"]))
    return draw(RETURNED), shape, draw(RETURN_STATUSES), draw(header_shapes())


def _wrap(body: t.Any, shape: str, status: t.Any, headers: t.Any) -> t.Any:
    if shape == "status":
        return body, status
    if shape == "headers":
        return body, headers
    if shape == "both":
        return body, status, headers
    return body


@EXAMPLES
@given(returned=return_values(), method=METHODS)
def test_make_response_answers_alike_past_its_shortcuts(
    returned: tuple[Returned, str, t.Any, t.Any], method: str
) -> None:
    value, shape, status, headers = returned
    if headers is None:
        return
    app = Erlen(__name__)

    def made(disguised: bool) -> tuple[t.Any, ...]:
        with app.test_request_context("/", method=method) as ctx:
            rv = value.build(disguised)
            if disguised and value.kind == "error":
                # What a general make_response does with any WSGI callable.
                rv = _general_error_response(
                    rv, app.response_class, ctx.request.environ
                )
            response = app.make_response(_wrap(rv, shape, status, headers))
            return _sent_by_method(
                lambda e: WerkzeugResponse.get_wsgi_response(response, e),
                ctx.request.environ,
            )

    assert _outcome(lambda: made(False)) == _outcome(lambda: made(True))


# -- request values --------------------------------------------------------------------

LATIN1 = st.text(st.characters(codec="latin-1"), max_size=8)


@EXAMPLES
@given(
    method=st.sampled_from(["GET", "post", "Put", "\u00e9"]) | LATIN1,
    script_name=LATIN1 | st.none(),
    path_info=LATIN1 | st.sampled_from(["/caf\u00c3\u00a9", "//x/", ""]) | st.none(),
    query=LATIN1,
    port=st.sampled_from(["80", " 8080 ", "x", "\u0663"]) | st.none(),
    server_name=st.none() | st.sampled_from(["example.com", "/run/a.sock"]),
)
def test_request_values_are_read_as_werkzeug_reads_them(
    method: str,
    script_name: str | None,
    path_info: str | None,
    query: str,
    port: str | None,
    server_name: str | None,
) -> None:
    environ = _environ()
    environ.update(REQUEST_METHOD=method, QUERY_STRING=query)
    for key, value in (
        ("SCRIPT_NAME", script_name),
        ("PATH_INFO", path_info),
        ("SERVER_PORT", port),
        ("SERVER_NAME", server_name),
    ):
        if value is None:
            environ.pop(key, None)
        else:
            environ[key] = value
    for name in ("method", "scheme", "server", "root_path", "path", "query_string"):
        ours = _outcome(lambda: getattr(Request(dict(environ)), name))  # noqa: B023
        theirs = _outcome(lambda: getattr(WerkzeugRequest(dict(environ)), name))  # noqa: B023
        assert ours == theirs, name


@EXAMPLES
@given(
    present=st.dictionaries(
        st.sampled_from(["HTTP_X_A", "CONTENT_TYPE", "CONTENT_LENGTH", "HTTP_SS"])
        | st.text(max_size=6),
        st.text(max_size=4),
    ),
    name=st.sampled_from(["X-A", "x_a", "Content-Type", "\u00df", "Ss", ""])
    | st.text(max_size=6),
    default=st.sampled_from([None, "d", 0]),
)
def test_request_headers_get_as_werkzeugs(
    present: dict[str, str], name: str, default: t.Any
) -> None:
    environ = {**_environ(), **present}
    ours = Request(environ).headers
    theirs = WerkzeugEnvironHeaders(environ)
    assert _outcome(lambda: ours.get(name, default)) == _outcome(
        lambda: theirs.get(name, default)
    )


# -- routing ---------------------------------------------------------------------------


def _url_map() -> Map:
    return Map(
        [
            Rule("/", endpoint="index"),
            Rule("/users/<int:id>", endpoint="user"),
            Rule("/users/<int:id>", endpoint="user_post", methods=["POST"]),
            Rule("/files/<path:name>", endpoint="file"),
            Rule("/dir/", endpoint="dir"),
            Rule("/<any(a, b):letter>/x", endpoint="letter"),
            Rule("/f/<float:value>", endpoint="float"),
            Rule("/u/<uuid:id>", endpoint="uuid"),
            Rule("/s/<name>", endpoint="string", defaults={"page": 1}),
            Rule("/s/<name>/<int:page>", endpoint="string"),
        ]
    )


def _matched(adapter: MapAdapter) -> tuple[t.Any, ...]:
    def match() -> tuple[t.Any, ...]:
        rule, values = adapter.match(return_rule=True)
        return rule.rule, rule.endpoint, values

    outcome = _outcome(match)
    if outcome[0] == "raised" and isinstance(outcome, tuple):
        return outcome[:2]  # messages name the adapter's URL, which may differ
    return outcome


PATHS = st.sampled_from(
    [
        "/",
        "/users/7",
        "/users/07",
        "/users/x",
        "/files/a/b.txt",
        "/dir",
        "/dir/",
        "/a/x",
        "/c/x",
        "/f/1.5",
        "/u/9a2b2d3c-7b7e-4f7e-9b7e-2b7e9f7e2b7e",
        "/s/n",
        "/s/n/1",
        "/s/n/2",
        "//users//7",
    ]
) | st.text(st.characters(codec="latin-1"), max_size=6).map(lambda s: "/" + s)


@EXAMPLES
@given(
    requests=st.lists(
        st.tuples(PATHS, st.sampled_from(["GET", "POST", "HEAD", "PUT"])),
        min_size=1,
        max_size=6,
    ),
    host=st.sampled_from(["example.com", "Example.COM:8080", "b\u00fccher.example"]),
)
def test_matches_remembered_answer_as_werkzeug_matches(
    requests: list[tuple[str, str]], host: str
) -> None:
    url_map = _url_map()
    for path, method in requests * 2:
        environ = EnvironBuilder(
            path, method=method, headers={"Host": host}
        ).get_environ()
        ours = bind_request(url_map, Request(dict(environ)), "")
        theirs = url_map.bind_to_environ(dict(environ))
        assert _matched(ours) == _matched(theirs), (path, method)


def test_a_redirect_is_never_remembered() -> None:
    url_map = _url_map()
    environ = EnvironBuilder("/dir", headers={"Host": "example.com"}).get_environ()
    for _ in range(2):
        adapter = bind_request(url_map, Request(dict(environ)), "")
        with pytest.raises(RequestRedirect):
            adapter.match(return_rule=True)


# -- JSON -----------------------------------------------------------------------------

JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=4)
    | st.dates(),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(
            st.text(max_size=3) | st.integers(-2, 2) | st.booleans() | st.none(),
            inner,
            max_size=3,
        )
    ),
    max_leaves=8,
)


@EXAMPLES
@given(
    value=JSON_VALUES,
    ensure_ascii=st.booleans(),
    sort_keys=st.booleans(),
    separators=st.sampled_from([None, (",", ":"), (",", ": ")]),
    indent=st.sampled_from([None, 2]),
)
def test_cached_encoders_encode_as_json_dumps(
    value: t.Any,
    ensure_ascii: bool,
    sort_keys: bool,
    separators: tuple[str, str] | None,
    indent: int | None,
) -> None:
    default = DefaultJSONProvider.default
    options: dict[str, t.Any] = {
        "ensure_ascii": ensure_ascii,
        "sort_keys": sort_keys,
        "separators": separators,
        "indent": indent,
    }
    encode = _encoder(default, **options)
    assert _outcome(lambda: encode(value)) == _outcome(
        lambda: json.dumps(value, default=default, **options)
    )


# -- through a real request cycle ------------------------------------------------------


class Redirect303(HTTPException, RoutingException):
    """A redirect raised as an exception, as real apps write it: no
    ``HTTPException.__init__``, its own ``get_response``."""

    code = 303

    def __init__(self, location: str) -> None:
        self.location = location

    def get_response(self, environ: t.Any = None, scope: t.Any = None) -> t.Any:
        return WerkzeugResponse("", 303, headers={"Location": self.location})


def _issue_20_app() -> Erlen:
    app = Erlen(__name__)

    @app.get("/dict-headers")
    def dict_headers() -> Response:
        response = Response("not allowed", 403)
        response.headers = {"X-Foo": "1", "Content-Type": "text/plain"}  # type: ignore[assignment]
        return response

    @app.get("/list-headers")
    def list_headers() -> Response:
        response = Response("listed")
        response.headers = [("X-Foo", "1"), ("X-Foo", "2")]  # type: ignore[assignment]
        return response

    @app.get("/redirect")
    def redirect() -> str:
        raise Redirect303("/next")

    return app


def test_a_dict_assigned_to_the_headers_is_sent() -> None:
    response = Client(_issue_20_app()).get("/dict-headers")
    assert response.status_code == 403
    assert response.headers["X-Foo"] == "1"
    assert response.headers["Content-Type"] == "text/plain"
    assert response.headers["Content-Length"] == "11"
    assert response.data == b"not allowed"


def test_a_list_assigned_to_the_headers_is_sent() -> None:
    response = Client(_issue_20_app()).get("/list-headers")
    assert (response.status_code, response.data) == (200, b"listed")
    assert response.headers.getlist("X-Foo") == ["1", "2"]


def test_an_exception_writing_its_own_response_without_init_is_sent() -> None:
    response = Client(_issue_20_app()).get("/redirect")
    assert response.status_code == 303
    assert response.headers["Location"] == "/next"
    assert response.data == b""
