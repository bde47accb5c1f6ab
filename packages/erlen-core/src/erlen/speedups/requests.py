"""Speedup: request attributes read from the WSGI environ on first use.

General path replaced: :class:`erlen.wrappers.Request`, that is Werkzeug's
``Request.__init__``, which reads eight values out of the environ (method,
scheme, server, root path, path, query string, headers, remote address)
although most requests use two or three of them; Werkzeug's
``EnvironHeaders.get``; ``Request.cookies``, which asks the headers for
every Cookie header; and ``Request.close``, which walks an empty files
multidict. :class:`Lazy` reads each attribute on first access instead, with
the same result.

Internals used: the instance ``__dict__`` that Werkzeug's ``cached_property``
stores into (read by ``close``, written by :class:`Lazy`), the ``environ``
an ``EnvironHeaders`` wraps, and ``Request._cached_data``, declared here so
that Werkzeug's ``getattr`` with a default does not raise and catch an
``AttributeError`` for every form. Held to the general path by
``tests/erlen_core/test_fast_paths.py`` (``test_request_*``).
"""

from __future__ import annotations

import typing as t

from werkzeug.datastructures import EnvironHeaders as _WerkzeugEnvironHeaders
from werkzeug.sansio.http import parse_cookie
from werkzeug.utils import cached_property

from .. import wrappers
from .cookies import plain_cookie_pairs

if t.TYPE_CHECKING:
    from _typeshed.wsgi import WSGIEnvironment
    from werkzeug.datastructures import ImmutableMultiDict

T = t.TypeVar("T")


class Lazy(t.Generic[T]):
    """An attribute computed from ``obj.environ`` when first read, then stored.

    It defines no ``__set__``, so the stored value in the instance's
    ``__dict__`` wins on every later read (no descriptor call at all), and
    assigning the attribute works as for a plain one.
    """

    def __init__(self, read: t.Callable[[WSGIEnvironment], T]) -> None:
        self.read = read
        self.name = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @t.overload
    def __get__(self, obj: None, owner: type | None = None) -> Lazy[T]: ...

    @t.overload
    def __get__(self, obj: object, owner: type | None = None) -> T: ...

    def __get__(self, obj: t.Any, owner: type | None = None) -> T | Lazy[T]:
        if obj is None:
            return self
        value = obj.__dict__[self.name] = self.read(obj.environ)
        return value


def decoded(value: str) -> str:
    """A WSGI string (bytes stored as latin-1) as the UTF-8 text it encodes."""
    # ASCII reads the same either way, and most paths are ASCII.
    if value.isascii():
        return value
    return value.encode("latin1").decode(errors="replace")


def read_method(environ: WSGIEnvironment) -> str:
    return environ.get("REQUEST_METHOD", "GET").upper()  # type: ignore[no-any-return]


def read_scheme(environ: WSGIEnvironment) -> str:
    return environ.get("wsgi.url_scheme", "http")  # type: ignore[no-any-return]


def read_server(environ: WSGIEnvironment) -> tuple[str, int | None] | None:
    """``(host, port)`` of the server; the port is ``None`` on a unix socket."""
    name = environ.get("SERVER_NAME")
    if name is None:
        return None
    try:
        port: int | None = int(environ["SERVER_PORT"])
    except (KeyError, TypeError, ValueError):
        port = None
    return name, port


def read_root_path(environ: WSGIEnvironment) -> str:
    return decoded(environ.get("SCRIPT_NAME") or "").rstrip("/")


def read_path(environ: WSGIEnvironment) -> str:
    return "/" + decoded(environ.get("PATH_INFO") or "").lstrip("/")


def read_query_string(environ: WSGIEnvironment) -> bytes:
    return environ.get("QUERY_STRING", "").encode("latin1")  # type: ignore[no-any-return]


class EnvironHeaders(_WerkzeugEnvironHeaders):
    """Werkzeug's request headers, with a shorter ``get`` for a header name.

    Werkzeug turns the name into its environ key (``HTTP_`` and upper case,
    ``-`` as ``_``; ``CONTENT_TYPE`` and ``CONTENT_LENGTH`` bare) on every
    call, and answers a missing header by raising and catching a
    ``KeyError``: parsing a form asks for three headers, one of which
    (``Transfer-Encoding``) is usually missing. Here the key of a name seen
    before is looked up, and a plain ``dict`` environ answers with its
    ``get``. A conversion (``type=``), a name that is not a ``str`` or
    another mapping as environ go Werkzeug's way.
    """

    def get(  # type: ignore[override]
        self, key: str, default: t.Any = None, type: t.Any = None
    ) -> t.Any:
        environ = self.environ
        if type is None and key.__class__ is str and environ.__class__ is dict:
            return environ.get(_ENVIRON_KEYS.get(key) or _environ_key(key), default)
        return super().get(key, default, type)


#: Header name to environ key, for the names an app has asked for.
_ENVIRON_KEYS: dict[str, str] = {}
#: Enough for every header name an app asks for; a name built from input
#: (``request.headers.get(user_value)``) must not grow it without end.
_MAX_ENVIRON_KEYS = 256


def _environ_key(name: str) -> str:
    """The WSGI environ key of header ``name``, as CGI defines it."""
    key = name.upper().replace("-", "_")
    if key != "CONTENT_TYPE" and key != "CONTENT_LENGTH":
        key = "HTTP_" + key
    if len(_ENVIRON_KEYS) < _MAX_ENVIRON_KEYS:
        _ENVIRON_KEYS[name] = key
    return key


def read_headers(environ: WSGIEnvironment) -> EnvironHeaders:
    return EnvironHeaders(environ)


def read_remote_addr(environ: WSGIEnvironment) -> str | None:
    return environ.get("REMOTE_ADDR")


class Request(wrappers.Request):
    """:class:`erlen.wrappers.Request` reading the environ on first use."""

    # Read from the environ on first use, not all up front as Werkzeug does.
    method = Lazy(read_method)
    scheme = Lazy(read_scheme)
    server = Lazy(read_server)
    root_path = Lazy(read_root_path)
    path = Lazy(read_path)
    query_string = Lazy(read_query_string)
    headers = Lazy(read_headers)
    remote_addr = Lazy(read_remote_addr)

    # Werkzeug reads it with getattr and a default, which for an unset
    # attribute raises and catches an AttributeError on every form parsed.
    # (Werkzeug declares it ``bytes``, set once the body is read.)
    _cached_data: bytes | None = None  # type: ignore[assignment]

    def __init__(
        self,
        environ: WSGIEnvironment,
        populate_request: bool = True,
        shallow: bool = False,
    ) -> None:
        # Werkzeug's constructor would compute every attribute above now.
        self.environ = environ
        self.shallow = shallow
        if populate_request and not shallow:
            environ["werkzeug.request"] = self

    @cached_property
    def cookies(self) -> ImmutableMultiDict[str, str]:
        """The cookies the request sent, parsed on first use."""
        # Werkzeug asks the headers for a list of every Cookie header, which
        # walks the whole environ; WSGI holds them all in one key, which is
        # read directly: a request that reads only its cookies does not
        # build the headers object.
        header = self.environ.get("HTTP_COOKIE", "")
        pairs = plain_cookie_pairs(header)
        if pairs is None:
            return parse_cookie(header, cls=self.dict_storage_class)  # type: ignore[return-value]
        return self.dict_storage_class(pairs)  # type: ignore[return-value]

    def close(self) -> None:
        """Close the files uploaded with the request, if any were parsed."""
        # Werkzeug walks the files multidict even when it is empty, as it is
        # for every form without uploads.
        if self.__dict__.get("files"):
            super().close()
