"""The request and response objects, Werkzeug's with the app's settings.

The classes here are the general code: Werkzeug's own paths, with Erlen's
settings and checks. With the speedups on (the default), the names
``Request``, ``Response`` and ``Headers`` of this module are subclasses of
these with shortcuts (:mod:`erlen.speedups.requests`,
:mod:`erlen.speedups.responses`, :mod:`erlen.speedups.headers`); with
``ERLEN_NO_SPEEDUPS=1`` they are these classes.
"""

from __future__ import annotations

import re
import typing as t
from urllib.parse import parse_qsl

from werkzeug.datastructures import Headers as _WerkzeugHeaders
from werkzeug.exceptions import BadRequest
from werkzeug.exceptions import HTTPException
from werkzeug.utils import cached_property
from werkzeug.wrappers import Request as _WerkzeugRequest
from werkzeug.wrappers import Response as _WerkzeugResponse

from erlen_contexts import app_ctx_var

from . import json
from . import speedups
from .limits import capped_input
from .limits import check_json_depth
from .limits import DEFAULT_JSON_DEPTH
from .limits import FormDataParser
from .limits import JSONDepthError

if t.TYPE_CHECKING:
    from http import HTTPStatus

    from werkzeug.datastructures import MultiDict
    from werkzeug.routing import Rule


#: What :func:`_config_value` answers outside an app context.
_NO_APP: t.Any = object()


def _config_value(key: str) -> t.Any:
    """Read a config key of the current app, or :data:`_NO_APP` outside one.

    The caller looks up Werkzeug's default only then: the form parser asks
    for three limits, one twice, on every form it parses.
    """
    ctx = app_ctx_var.get(None)
    if ctx is None:
        return _NO_APP
    return ctx.app.config[key]  # type: ignore[attr-defined]


class _RequestJSON:
    """:mod:`erlen.json` as requests parse their bodies: depth-checked first.

    The standard parser recurses once per level of nesting, so a body of a
    few thousand ``[`` raises ``RecursionError``, which no caller expects:
    a 500 even under ``get_json(silent=True)``. Here nesting past
    ``MAX_JSON_DEPTH`` is a :exc:`~erlen.limits.JSONDepthError`, a
    ``ValueError`` like any other invalid JSON: 400, or ``None`` when silent.
    Every other name is :mod:`erlen.json`'s.
    """

    def __getattr__(self, name: str) -> t.Any:
        return getattr(json, name)

    def loads(self, s: str | bytes, **kwargs: t.Any) -> t.Any:
        limit = _config_value("MAX_JSON_DEPTH")
        if limit is _NO_APP:
            limit = DEFAULT_JSON_DEPTH
        if limit is not None:
            check_json_depth(s, limit)
        try:
            return json.loads(s, **kwargs)
        except RecursionError:
            # No limit, or one set past what this thread's stack can parse.
            raise JSONDepthError("JSON nested deeper than the parser can go.") from None


class Request(_WerkzeugRequest):
    """The request object behind ``erlen.request``.

    It knows the rule it matched and reads its size limits from the app's
    configuration (``MAX_CONTENT_LENGTH``, ``MAX_FORM_MEMORY_SIZE``,
    ``MAX_FORM_PARTS``, ``MAX_JSON_DEPTH``) unless set on the request
    itself, and holds to them where Werkzeug does not (``erlen.limits``).
    """

    json_module: t.Any = _RequestJSON()
    form_data_parser_class = FormDataParser

    #: The rule that matched the URL, once matched.
    url_rule: Rule | None = None
    #: The values the rule captured, passed to the view as arguments.
    view_args: dict[str, t.Any] | None = None
    #: The error matching raised (404, 405, a redirect), raised at dispatch.
    routing_exception: HTTPException | None = None

    _max_content_length: int | None = None
    _blueprints_of: tuple[Rule | None, tuple[str, ...]] | None = None
    _max_form_memory_size: int | None = None
    _max_form_parts: int | None = None

    @cached_property
    def args(self) -> MultiDict[str, str]:
        """The query string's parameters, parsed on first use.

        A query string whose raw bytes are not UTF-8 is refused with 400
        before routing (:func:`~erlen.limits.check_url_encoding`); the
        hooks and error handlers that still run for it read it with
        replacement characters, as the path is read, instead of failing
        with ``UnicodeDecodeError``.
        """
        return self.parameter_storage_class(
            parse_qsl(
                _text(self.query_string),
                keep_blank_values=True,
                errors="werkzeug.url_quote",
            )
        )

    @property
    def full_path(self) -> str:
        """The path and the query string, read as :attr:`args` reads it."""
        return f"{self.path}?{_text(self.query_string)}"

    @cached_property
    def stream(self) -> t.IO[bytes]:
        """The body, read at most up to ``max_content_length``.

        A body whose server ends the stream itself (``wsgi.input_terminated``,
        as for a chunked request) has no length to check in advance:
        Werkzeug cuts it at the limit and passes the truncated bytes on as
        the whole body. Here it is refused with 413 once it passes the limit.
        """
        if "wsgi.input_terminated" in self.environ and not self.shallow:
            limit = self.max_content_length
            if limit is not None:
                # A raw stream, as Werkzeug's own limited stream is.
                return t.cast(
                    "t.IO[bytes]",
                    capped_input(self.environ, limit, self.content_length),
                )
        return super().stream

    async def receive_body(self) -> bytes:
        """Read the whole body, awaiting it under ASGI, and return it.

        Under ASGI, ``async def`` code calls this instead of blocking the
        event loop; once it has, :meth:`get_data`, :attr:`form`,
        :attr:`files` and :meth:`get_json` read the kept body. (The ASGI
        server reads the body before any ``async def`` view or hook runs, so
        those work there even without it.) ``MAX_CONTENT_LENGTH`` holds
        while reading: a larger body is refused with 413. Under WSGI it is
        :meth:`get_data`.
        """
        receive = self.environ.get("erlen.receive_body")
        if receive is not None:
            await receive(self.max_content_length)
        return self.get_data()

    @property
    def max_content_length(self) -> int | None:
        """Largest body accepted, or ``None``; ``MAX_CONTENT_LENGTH`` by default.

        A larger body is refused with 413 when the view reads it.
        """
        if self._max_content_length is not None:
            return self._max_content_length
        value = _config_value("MAX_CONTENT_LENGTH")
        return super().max_content_length if value is _NO_APP else value

    @max_content_length.setter
    def max_content_length(self, value: int | None) -> None:
        self._max_content_length = value

    @property
    def max_form_memory_size(self) -> int | None:
        """Largest non-file form field; ``MAX_FORM_MEMORY_SIZE`` by default."""
        if self._max_form_memory_size is not None:
            return self._max_form_memory_size
        value = _config_value("MAX_FORM_MEMORY_SIZE")
        return super().max_form_memory_size if value is _NO_APP else value

    @max_form_memory_size.setter
    def max_form_memory_size(self, value: int | None) -> None:
        self._max_form_memory_size = value

    @property  # type: ignore[override]  # Werkzeug says int; None means no limit
    def max_form_parts(self) -> int | None:
        """Most multipart form parts; ``MAX_FORM_PARTS`` by default."""
        if self._max_form_parts is not None:
            return self._max_form_parts
        value = _config_value("MAX_FORM_PARTS")
        return super().max_form_parts if value is _NO_APP else value

    @max_form_parts.setter
    def max_form_parts(self, value: int | None) -> None:
        self._max_form_parts = value

    @property
    def endpoint(self) -> str | None:
        """The endpoint of the matched rule, or ``None`` when nothing matched."""
        return self.url_rule.endpoint if self.url_rule is not None else None

    @property
    def blueprint(self) -> str | None:
        """The dotted name of the blueprint that owns the matched endpoint."""
        endpoint = self.endpoint
        if endpoint is not None and "." in endpoint:
            return endpoint.rpartition(".")[0]
        return None

    @property
    def blueprints(self) -> list[str]:
        """The blueprint and its parents, innermost first: ``["a.b", "a"]``."""
        rule = self.url_rule
        cached = self._blueprints_of
        # Every hook stage and error handler lookup asks; compute once per rule.
        if cached is None or cached[0] is not rule:
            cached = self._blueprints_of = (rule, _blueprint_chain(self.blueprint))
        return list(cached[1])

    def _load_form_data(self) -> None:
        """Parse the form; in debug mode, explain files sent without an enctype."""
        super()._load_form_data()
        ctx = app_ctx_var.get(None)
        if (
            ctx is not None
            and ctx.app.debug  # type: ignore[attr-defined]
            and self.mimetype != "multipart/form-data"
            and not self.files
        ):
            from .debughelpers import attach_enctype_error_multidict

            attach_enctype_error_multidict(self)

    def on_json_loading_failed(self, e: ValueError | None) -> t.Any:
        """Turn a body that is not valid JSON into 400 Bad Request.

        Werkzeug already answers 415 for a body that is not marked as JSON.
        In debug mode the parser's message is kept, to help find the fault.
        """
        try:
            return super().on_json_loading_failed(e)
        except BadRequest as error:
            ctx = app_ctx_var.get(None)
            if ctx is not None and ctx.app.debug:  # type: ignore[attr-defined]
                raise
            raise BadRequest() from error


def _text(query: bytes) -> str:
    """A query string as text; bytes that are not UTF-8 replaced, not raised."""
    try:
        return query.decode()
    except UnicodeDecodeError:
        return query.decode(errors="replace")


def _blueprint_chain(name: str | None) -> tuple[str, ...]:
    if name is None:
        return ()
    parts = name.split(".")
    return tuple(".".join(parts[:i]) for i in range(len(parts), 0, -1))


class Headers(_WerkzeugHeaders):
    """Werkzeug's headers, refusing names and values that could split a header.

    Stricter than Werkzeug, which refuses only CR and LF in values: a name
    with a space, colon or control character, and a value holding another
    control character or a Unicode line break, raise ``ValueError`` when
    set. Instances compare equal to Werkzeug's ``Headers`` holding the same
    items, as Werkzeug's compare among themselves.
    """

    def add(self, key: str, value: t.Any, /, **kwargs: t.Any) -> None:
        """Add a header, keeping those of the same name (Werkzeug's ``add``)."""
        if key not in _VALID_NAMES:
            _check_name(key)
        _check_values(key, value, kwargs)
        super().add(key, value, **kwargs)

    def set(self, key: str, value: t.Any, /, **kwargs: t.Any) -> None:
        """Replace the headers named ``key`` by one (Werkzeug's ``set``)."""
        if key not in _VALID_NAMES:
            _check_name(key)
        _check_values(key, value, kwargs)
        super().set(key, value, **kwargs)

    def __setitem__(self, key: t.Any, value: t.Any) -> None:
        if isinstance(key, int):
            _check_item(value)
        elif isinstance(key, slice):
            value = list(value)  # read once, here and by Werkzeug
            for item in value:
                _check_item(item)
        else:
            _check_name(key)
            _check_values(key, value, {})
        super().__setitem__(key, value)

    def __eq__(self, other: object) -> bool:
        # Werkzeug compares headers of the same class only; these stand in
        # for Werkzeug's class, so they compare with it too.
        if other.__class__ is not self.__class__ and not (
            isinstance(other, _WerkzeugHeaders)
            and _is_erlens_or_werkzeugs(other)
            and _is_erlens_or_werkzeugs(self)
        ):
            return NotImplemented
        return _lowered_items(self) == _lowered_items(other)

    __hash__ = None  # mutable, as Werkzeug's


#: What a header name must not hold: a space, colon, line break or other
#: control character would end the name, or the header, early.
_UNSAFE_IN_NAME = re.compile(r"[\x00-\x20\x7f-\x9f:\s]")
#: What a header value must not hold, though Werkzeug lets it through:
#: control characters other than tab, and the Unicode line breaks that
#: ``str.splitlines`` and some proxies and clients split headers on.
_UNSAFE_IN_VALUE = re.compile("[\x00-\x08\x0a-\x1f\x7f\x85\u2028\u2029]")
#: Names found valid, so the common ones are checked by one set lookup.
_VALID_NAMES: set[t.Any] = set()
#: Enough for every name an app sets; names built from input must not
#: grow it without end.
_MAX_VALID_NAMES = 512


def _check_name(key: t.Any) -> None:
    """Raise ``ValueError`` unless ``key`` is a usable header name."""
    if not isinstance(key, str) or not key or _UNSAFE_IN_NAME.search(key) is not None:
        raise ValueError(
            f"Invalid header name {key!r}: a header name is a non-empty str"
            " without spaces, colons, line breaks or control characters."
        )
    if len(_VALID_NAMES) < _MAX_VALID_NAMES:
        _VALID_NAMES.add(key)


def _check_value(key: t.Any, value: str) -> None:
    """Raise ``ValueError`` naming the header if ``value`` holds an unsafe character."""
    found = _UNSAFE_IN_VALUE.search(value)
    if found is not None:
        raise ValueError(
            f"Invalid value for header {key!r}: it contains {found.group()!r}."
            " Header values must not contain line breaks or control characters"
            " other than tab."
        )


def _check_values(key: t.Any, value: t.Any, options: dict[str, t.Any]) -> None:
    """Check a value Werkzeug converts (``str()``) and its options (``key=value``)."""
    _check_value(key, value if type(value) is str else str(value))
    for option in options.values():
        if option is not None:
            _check_value(key, str(option))


def _check_item(item: t.Any) -> None:
    """Check a ``(name, value)`` pair assigned by index.

    A pair of another shape is left to Werkzeug, whose own error it gets.
    """
    try:
        name, value = item[0], item[1]
    except (TypeError, IndexError, KeyError):
        return
    _check_name(name)
    _check_values(name, value, {})


def _lowered_items(headers: _WerkzeugHeaders) -> set[tuple[str, str]]:
    return {(key.lower(), value) for key, value in headers.items()}


def _is_erlens_or_werkzeugs(headers: object) -> bool:
    """Whether ``headers`` is of Werkzeug's class or of this module's own."""
    cls = headers.__class__
    return cls is _WerkzeugHeaders or cls is Headers or cls is _GeneralHeaders


class Response(_WerkzeugResponse):
    """The response object views return, with ``text/html`` as the default type.

    ``MAX_COOKIE_SIZE`` from the app's configuration sets the size past which
    Werkzeug warns about a cookie.
    """

    default_mimetype: str | None = "text/html"
    json_module = json
    autocorrect_location_header = False

    def __init__(
        self,
        response: t.Any = None,
        status: int | str | HTTPStatus | None = None,
        headers: t.Any = None,
        mimetype: str | None = None,
        content_type: str | None = None,
        direct_passthrough: bool = False,
    ) -> None:
        if not isinstance(headers, _WerkzeugHeaders):
            # Werkzeug would build its own class; a Headers object passed in
            # is kept as it is, as Werkzeug keeps it.
            headers = Headers(headers or None)
        super().__init__(
            response, status, headers, mimetype, content_type, direct_passthrough
        )

    @property
    def max_cookie_size(self) -> int:  # type: ignore[override]
        """``MAX_COOKIE_SIZE`` of the current app, else Werkzeug's default."""
        value = _config_value("MAX_COOKIE_SIZE")
        return super().max_cookie_size if value is _NO_APP else value


_GeneralHeaders = Headers

if speedups.ENABLED:
    # The same classes with shortcuts; each module says what it replaces.
    from .speedups import headers as _headers
    from .speedups import requests as _requests
    from .speedups import responses as _responses

    Headers = _headers.Headers  # type: ignore[misc]
    Request = _requests.Request  # type: ignore[misc]
    Response = _responses.Response  # type: ignore[misc]
