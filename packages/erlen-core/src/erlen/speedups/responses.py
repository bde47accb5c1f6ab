"""Speedup: a plain body set and sent without Werkzeug's general preparation.

General path replaced: :class:`erlen.wrappers.Response`, that is
Werkzeug's ``Response.__init__`` / ``set_data`` (a search of the headers for
a Content-Type and a Content-Length, the type string rebuilt),
``Response.__call__`` / ``get_wsgi_response`` (a copy of every header to
fix ``Location`` and ``Content-Length``, the body wrapped in a generator
and a closing iterator) and ``Response.set_cookie`` (``dump_cookie``'s
quoting and checks, :mod:`erlen.speedups.cookies`).

Each shortcut is decided per class: a subclass that changes how a response
is built or sent goes the general way.

A response with a plain body is built by setting what Werkzeug's
constructors set (the headers, ``_status`` and ``_status_code``, the
body): through them, it costs about a seventh of a small request.

Internals used: ``Response._on_close``, the callbacks ``call_on_close``
registers (a response with any goes the general way); ``_status`` and
``_status_code``, which Werkzeug's ``status`` setter stores, and
``_clean_status``, which computes them; ``Headers._list``. Held to the general
path by ``tests/erlen_core/test_fast_paths.py``
(``test_responses_send_what_werkzeug_sends``, ``test_call_on_close_*``,
``test_responses_are_built_as_werkzeug_builds_them``,
``test_cookies_are_set_as_werkzeug_sets_them``) and
``tests/erlen_core/test_shortcut_equivalence.py``.
"""

from __future__ import annotations

import functools
import typing as t

from werkzeug.datastructures import Headers as _WerkzeugHeaders
from werkzeug.utils import get_content_type

from .. import wrappers
from .cookies import set_cookie_header
from .headers import Headers

if t.TYPE_CHECKING:
    from datetime import datetime
    from datetime import timedelta
    from http import HTTPStatus

    from _typeshed.wsgi import StartResponse
    from _typeshed.wsgi import WSGIEnvironment


class SentBody(list[bytes]):
    """A buffered body as the short path sends it: its chunks, in a list.

    Werkzeug's general path hands the server a closing iterator, and WSGI
    middleware, test harnesses and scripts call its ``close()`` without
    asking first. The short path's body has one too, so code that closes
    the body works on either path; a buffered body has nothing to release.
    """

    def close(self) -> None:
        """Nothing to release: the chunks are already in memory."""


class Response(wrappers.Response):
    """:class:`erlen.wrappers.Response` with short paths for a plain body."""

    _sends_plainly = True
    _builds_plainly = True

    def __init__(
        self,
        response: t.Any = None,
        status: int | str | HTTPStatus | None = None,
        headers: t.Any = None,
        mimetype: str | None = None,
        content_type: str | None = None,
        direct_passthrough: bool = False,
    ) -> None:
        if headers is None:
            if content_type is None:
                # Werkzeug looks for a Content-Type in the headers before
                # using the default (raising and catching a KeyError when
                # there is none), then builds the type string anew for
                # every response.
                if mimetype is None:
                    mimetype = self.default_mimetype
                content_type = _content_type(mimetype)
                mimetype = None
            if (
                type(response) in _TEXT_TYPES
                and self._builds_plainly
                and (status is None or type(status) is int)
                and (
                    content_type is None
                    or (type(content_type) is str and content_type.isprintable())
                )
            ):
                # The usual body: every attribute the three constructors
                # of the general path set, set here, where the new headers
                # are known to hold nothing to look for or replace.
                body = response.encode() if type(response) is str else response
                headers = Headers()
                items = headers._list
                if content_type is not None:
                    items.append(("Content-Type", content_type))
                if self.automatically_set_content_length:
                    items.append(("Content-Length", str(len(body))))
                self.headers = headers
                self._status, self._status_code = _status_line(
                    self, self.default_status if status is None else status
                )
                self.direct_passthrough = direct_passthrough
                self._on_close = []
                self.response = [body]
                return
        super().__init__(
            response, status, headers, mimetype, content_type, direct_passthrough
        )

    def __init_subclass__(cls, **kwargs: t.Any) -> None:
        super().__init_subclass__(**kwargs)
        # A subclass that changes how a response is sent must go the general
        # way; checked once per class, not on every response.
        cls._sends_plainly = all(
            getattr(cls, name) is getattr(Response, name) for name in _SENDING_METHODS
        )
        cls._builds_plainly = all(
            getattr(cls, name) is getattr(Response, name) for name in _BUILDING_NAMES
        )

    def __call__(
        self, environ: WSGIEnvironment, start_response: StartResponse
    ) -> t.Iterable[bytes]:
        """Send the response, with a short path for a plain buffered one."""
        answer = self._plain_answer(environ)
        if answer is None:
            return super().__call__(environ, start_response)
        body, headers = answer
        start_response(self.status, headers)
        return body

    def get_wsgi_response(
        self, environ: WSGIEnvironment
    ) -> tuple[t.Iterable[bytes], str, list[tuple[str, str]]]:
        """Werkzeug's, with the same short path as :meth:`__call__`."""
        answer = self._plain_answer(environ)
        if answer is None:
            return super().get_wsgi_response(environ)
        body, headers = answer
        return body, self.status, headers

    def _plain_answer(
        self, environ: WSGIEnvironment
    ) -> tuple[SentBody, list[tuple[str, str]]] | None:
        """The body and header list to send as they are, or ``None`` when
        Werkzeug must prepare them.

        Werkzeug copies the headers to fix ``Location``, ``Content-Location``
        and ``Content-Length``, and wraps the body in a generator and a
        closing iterator. A list of bytes with its length already set in
        headers of Werkzeug's class or this module's, no location, no close
        callbacks and a status that keeps its body needs none of that: its
        headers and bytes go out unchanged. A 204 of such a response (what
        an API answers a DELETE with) goes out without a body and without
        ``Content-Length``, as Werkzeug sends it.
        """
        body = self.response
        if type(body) is not list or self._on_close or not self._sends_plainly:
            return None
        status = self.status_code
        if status < 200 or status == 304:
            return None
        headers = self.headers
        if type(headers) is not Headers and type(headers) is not _WerkzeugHeaders:
            # An app may assign a dict or a list of pairs (or its own class)
            # to ``response.headers``: Werkzeug copies whatever is there into
            # its own class when it sends, and so must the general path here.
            return None
        has_length = False
        for key, _ in headers._list:
            # Only these three names need a fix; their lengths (14, 8, 16)
            # spare lower-casing every other header name.
            if len(key) in _FIXED_NAME_LENGTHS:
                key = key.lower()
                if key == "content-length":
                    has_length = True
                elif key == "location" or key == "content-location":
                    return None
        if status == 204:
            # Werkzeug sends no body, and drops every Content-Length.
            items = headers._list
            if has_length:
                items = [item for item in items if item[0].lower() != "content-length"]
            return SentBody(), list(items)
        if not has_length:
            return None
        for chunk in body:
            if type(chunk) is not bytes:
                return None
        # A HEAD answer has the headers of GET and no body.
        sent = SentBody() if environ["REQUEST_METHOD"] == "HEAD" else SentBody(body)
        return sent, list(headers._list)

    def set_cookie(
        self,
        key: str,
        value: str = "",
        max_age: timedelta | int | None = None,
        expires: str | datetime | int | float | None = None,
        path: str | None = "/",
        domain: str | None = None,
        secure: bool = False,
        httponly: bool = False,
        samesite: str | None = None,
        partitioned: bool = False,
    ) -> None:
        """Set a cookie, as Werkzeug's ``set_cookie`` does (same arguments).

        A session sets a cookie with the same attributes on every response;
        :func:`~erlen.speedups.cookies.set_cookie_header` writes such a header from
        the attributes Werkzeug wrote the first time.
        """
        if max_age is None and expires is None:
            attributes = (path, domain, secure, httponly, samesite, partitioned)
            header = set_cookie_header(key, value, attributes)
            if header is not None:
                max_size = self.max_cookie_size
                if not max_size or len(header) <= max_size:
                    self.headers.add("Set-Cookie", header)
                    return
        # Anything else, and a cookie too large, which Werkzeug warns about.
        super().set_cookie(
            key,
            value,
            max_age=max_age,
            expires=expires,
            path=path,
            domain=domain,
            secure=secure,
            httponly=httponly,
            samesite=samesite,
            partitioned=partitioned,
        )

#: The methods whose stock versions the short path of Response.__call__ stands for.
_SENDING_METHODS = (
    "get_wsgi_headers",
    "get_app_iter",
    "iter_encoded",
    "close",
    "get_wsgi_response",
    "__call__",
)
#: What the short path of Response.__init__ does itself: a subclass that
#: changes any of them is built the general way.
_BUILDING_NAMES = ("set_data", "status", "_clean_status")
_FIXED_NAME_LENGTHS = frozenset(
    map(len, ("content-length", "location", "content-location"))
)
_TEXT_TYPES = (str, bytes)


@functools.lru_cache(maxsize=64)
def _content_type(mimetype: str | None) -> str | None:
    """The Content-Type Werkzeug makes of ``mimetype``; ``None`` stays ``None``."""
    return None if mimetype is None else get_content_type(mimetype, "utf-8")


#: Werkzeug's ``(status line, code)`` for each integer status seen.
_STATUS_LINES: dict[int, tuple[str, int]] = {}
#: Enough for every status an app answers with; views choose the number.
_STATUS_LINES_LIMIT = 128


def _status_line(response: Response, status: int) -> tuple[str, int]:
    """What the ``status`` setter stores for ``status``, through Werkzeug's
    ``_clean_status`` once per code: it formats the line on every response."""
    line = _STATUS_LINES.get(status)
    if line is None:
        line = response._clean_status(status)
        if len(_STATUS_LINES) < _STATUS_LINES_LIMIT:
            _STATUS_LINES[status] = line
    return line
