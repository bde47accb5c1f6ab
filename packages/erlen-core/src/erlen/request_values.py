"""Request attributes read from the WSGI environ on first use.

Werkzeug's request constructor reads eight values out of the environ
(method, scheme, server, root path, path, query string, headers, remote
address) although most requests use two or three of them. :class:`Lazy`
reads each one on first access instead, with the same result.
"""

from __future__ import annotations

import typing as t

from werkzeug.datastructures import EnvironHeaders as _WerkzeugEnvironHeaders

if t.TYPE_CHECKING:
    from _typeshed.wsgi import WSGIEnvironment

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


def method(environ: WSGIEnvironment) -> str:
    return environ.get("REQUEST_METHOD", "GET").upper()  # type: ignore[no-any-return]


def scheme(environ: WSGIEnvironment) -> str:
    return environ.get("wsgi.url_scheme", "http")  # type: ignore[no-any-return]


def server(environ: WSGIEnvironment) -> tuple[str, int | None] | None:
    """``(host, port)`` of the server; the port is ``None`` on a unix socket."""
    name = environ.get("SERVER_NAME")
    if name is None:
        return None
    try:
        port: int | None = int(environ["SERVER_PORT"])
    except (KeyError, TypeError, ValueError):
        port = None
    return name, port


def root_path(environ: WSGIEnvironment) -> str:
    return decoded(environ.get("SCRIPT_NAME") or "").rstrip("/")


def path(environ: WSGIEnvironment) -> str:
    return "/" + decoded(environ.get("PATH_INFO") or "").lstrip("/")


def query_string(environ: WSGIEnvironment) -> bytes:
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


def headers(environ: WSGIEnvironment) -> EnvironHeaders:
    return EnvironHeaders(environ)


def remote_addr(environ: WSGIEnvironment) -> str | None:
    return environ.get("REMOTE_ADDR")
