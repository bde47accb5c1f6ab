"""A WSGI environ from an ASGI scope, so one request class serves both."""

from __future__ import annotations

import sys
import typing as t

#: The scope extension through which a test client hands the environ keys
#: an ASGI scope cannot carry (``werkzeug.debug.preserve_context`` ...).
#: A server sends none.
ENVIRON_EXTENSION = "erlen.environ"


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
    for raw_name, raw_value in scope.get("headers", ()):
        name = raw_name.decode("latin-1").upper().replace("-", "_")
        value = raw_value.decode("latin-1")
        if name not in ("CONTENT_TYPE", "CONTENT_LENGTH"):
            name = f"HTTP_{name}"
        if name in environ:
            separator = "; " if name == "HTTP_COOKIE" else ","
            value = f"{environ[name]}{separator}{value}"
        environ[name] = value
    extra = scope.get("extensions", {}).get(ENVIRON_EXTENSION)
    if extra:
        environ.update(extra)
    return environ


def declares_body(scope: dict[str, t.Any]) -> bool:
    """Whether the request says it sends a body (a length above 0, or chunked)."""
    for name, value in scope.get("headers", ()):
        lowered = name.lower()
        if lowered == b"content-length":
            return value.strip() not in (b"0", b"")
        if lowered == b"transfer-encoding":
            return True
    return False
