"""An ASGI scope from the WSGI environ the test client builds.

Both ASGI paths of the client (the bridge behind ``ERLEN_TEST_INTERFACE=asgi``
and :class:`~erlen_testing.AsyncClient`) build requests with the same
:class:`~erlen_testing.builder.EnvironBuilder` as WSGI, so a test's
arguments mean the same under either interface. What a scope has a field
for goes there, so the ASGI server's own environ code is exercised; the
rest (``environ_overrides`` such as ``werkzeug.debug.preserve_context``)
travels in the ``erlen.environ`` scope extension, which erlen-asgi merges
into the environ it builds.
"""

from __future__ import annotations

import typing as t

#: The scope extension erlen-asgi reads extra environ keys from.
ENVIRON_EXTENSION = "erlen.environ"

#: Keys a scope carries in fields of its own, or that the server provides.
_IN_SCOPE = frozenset(
    {
        "REQUEST_METHOD",
        "SCRIPT_NAME",
        "PATH_INFO",
        "QUERY_STRING",
        "SERVER_NAME",
        "SERVER_PORT",
        "SERVER_PROTOCOL",
        "CONTENT_TYPE",
        "CONTENT_LENGTH",
        "wsgi.input",
        "wsgi.input_terminated",
        "wsgi.url_scheme",
    }
)


def _text(value: str) -> str:
    """A WSGI string (bytes as latin-1) as the text an ASGI scope holds."""
    return value.encode("latin-1").decode("utf-8", "replace")


def scope_from_environ(environ: t.Mapping[str, t.Any], kind: str = "http") -> dict[str, t.Any]:
    """The ASGI scope of the request ``environ`` describes (body apart).

    :param kind: ``"http"`` or ``"websocket"``.
    """
    root = environ.get("SCRIPT_NAME", "")
    path = environ.get("PATH_INFO", "")
    headers: list[tuple[bytes, bytes]] = []
    extra: dict[str, t.Any] = {}
    for key, value in environ.items():
        if key.startswith("HTTP_"):
            name = key[5:].replace("_", "-").lower()
            headers.append((name.encode("latin-1"), value.encode("latin-1")))
        elif key in ("CONTENT_TYPE", "CONTENT_LENGTH"):
            if value:
                name = key.replace("_", "-").lower()
                headers.append((name.encode("latin-1"), value.encode("latin-1")))
        elif key not in _IN_SCOPE:
            extra[key] = value
    scope: dict[str, t.Any] = {
        "type": kind,
        "asgi": {"version": "3.0", "spec_version": "2.3"},
        "http_version": environ.get("SERVER_PROTOCOL", "HTTP/1.1").partition("/")[2],
        "method": environ.get("REQUEST_METHOD", "GET"),
        "scheme": environ.get("wsgi.url_scheme", "http"),
        "root_path": _text(root),
        "path": _text(root + path),
        "raw_path": (root + path).encode("latin-1"),
        "query_string": environ.get("QUERY_STRING", "").encode("latin-1"),
        "headers": headers,
        "server": (environ.get("SERVER_NAME", "localhost"), int(environ.get("SERVER_PORT") or 80)),
        "extensions": {ENVIRON_EXTENSION: extra},
    }
    if kind == "websocket":
        del scope["method"]
        scope["scheme"] = {"http": "ws", "https": "wss"}.get(scope["scheme"], scope["scheme"])
        offered = environ.get("HTTP_SEC_WEBSOCKET_PROTOCOL", "")
        scope["subprotocols"] = [name.strip() for name in offered.split(",") if name.strip()]
    if "REMOTE_ADDR" in environ and "REMOTE_PORT" in environ:
        scope["client"] = (environ["REMOTE_ADDR"], int(environ["REMOTE_PORT"]))
        del extra["REMOTE_ADDR"], extra["REMOTE_PORT"]
    return scope


def body_chunks(environ: t.Mapping[str, t.Any], size: int = 65536) -> t.Iterator[bytes]:
    """The request body from ``wsgi.input``, in chunks of at most ``size`` bytes.

    It is read as the client sends it: up to ``CONTENT_LENGTH``, or to the
    end of a terminated (chunked) input; a request with neither has none.
    """
    stream = environ.get("wsgi.input")
    length = environ.get("CONTENT_LENGTH")
    if stream is None:
        return
    if length:
        remaining = int(length)
        while remaining > 0:
            chunk = stream.read(min(size, remaining))
            if not chunk:
                return
            remaining -= len(chunk)
            yield chunk
    elif environ.get("wsgi.input_terminated"):
        while chunk := stream.read(size):
            yield chunk
