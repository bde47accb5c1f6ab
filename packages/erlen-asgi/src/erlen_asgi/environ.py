"""A WSGI environ from an ASGI scope, so one request class serves both."""

from __future__ import annotations

import sys
import typing as t

#: The scope extension through which a test client hands the environ keys
#: an ASGI scope cannot carry (``werkzeug.debug.preserve_context`` ...).
#: A server sends none.
ENVIRON_EXTENSION = "erlen.environ"


#: The environ key of each header name seen (``b"user-agent"`` to
#: ``HTTP_USER_AGENT``): clients send the same few names on every request.
_KEYS: dict[bytes, str] = {}
#: How many names :data:`_KEYS` holds at most, whatever names clients invent.
_KEYS_KEPT = 512


def _key(raw_name: bytes) -> str:
    """The environ key of the header ``raw_name``, as a WSGI server names it."""
    name = raw_name.decode("latin-1").upper().replace("-", "_")
    if name not in ("CONTENT_TYPE", "CONTENT_LENGTH"):
        name = f"HTTP_{name}"
    if len(_KEYS) < _KEYS_KEPT:
        _KEYS[raw_name] = name
    return name


def build_environ(scope: dict[str, t.Any], body: t.Any) -> dict[str, t.Any]:
    """The environ of the request ``scope`` describes, with ``body`` as input.

    Werkzeug's request, the app's routing and its limits read an environ; an
    ASGI request gets one holding the same values, built once, with the
    scope kept under ``asgi.scope``.
    """
    root = scope.get("root_path", "")
    path = scope["path"]
    if root and path.startswith(root):
        path = path[len(root) :]
    server = scope.get("server") or ("localhost", 80)
    client = scope.get("client")
    default_scheme = "ws" if scope["type"] == "websocket" else "http"
    environ: dict[str, t.Any] = {
        "REQUEST_METHOD": scope.get("method", "GET"),
        "SCRIPT_NAME": root.encode().decode("latin-1"),
        "PATH_INFO": path.encode().decode("latin-1"),
        "QUERY_STRING": scope.get("query_string", b"").decode("latin-1"),
        "SERVER_NAME": server[0],
        "SERVER_PORT": str(server[1]) if server[1] is not None else "80",
        "SERVER_PROTOCOL": f"HTTP/{scope.get('http_version', '1.1')}",
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": scope.get("scheme", default_scheme),
        "wsgi.input": body,
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": True,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
        # The server ends the body: MAX_CONTENT_LENGTH is checked while reading.
        "wsgi.input_terminated": True,
        "asgi.scope": scope,
    }
    if client:
        environ["REMOTE_ADDR"] = client[0]
        environ["REMOTE_PORT"] = str(client[1])
    keys = _KEYS
    for raw_name, raw_value in scope.get("headers", ()):
        name = keys.get(raw_name) or _key(raw_name)
        value = raw_value.decode("latin-1")
        if name in environ:
            separator = "; " if name == "HTTP_COOKIE" else ","
            value = f"{environ[name]}{separator}{value}"
        environ[name] = value
    extra = scope.get("extensions", {}).get(ENVIRON_EXTENSION)
    if extra:
        environ.update(extra)
    return environ


def expects_body(environ: dict[str, t.Any]) -> bool:
    """Whether the request says it sends a body: a length above 0, or chunked."""
    if "HTTP_TRANSFER_ENCODING" in environ:
        return True
    return environ.get("CONTENT_LENGTH", "").strip() not in ("0", "")
