"""Binding the URL map to a request without reading the environ twice.

:meth:`werkzeug.routing.Map.bind_to_environ` works out the host, scheme,
script name, path and method from the environ on every call, and was the
largest single cost of a small request. When no ``SERVER_NAME`` takes part
in matching (the usual case), all it does is what :func:`bind_request` does
here with the request's values, then :meth:`~werkzeug.routing.Map.bind`.
"""

from __future__ import annotations

import typing as t

from werkzeug.wsgi import get_host

from .request_values import decoded

if t.TYPE_CHECKING:
    from werkzeug.routing import Map
    from werkzeug.routing import MapAdapter
    from werkzeug.wrappers import Request


def bind_request(url_map: Map, request: Request, subdomain: str | None) -> MapAdapter:
    """Bind ``url_map`` to ``request``'s own host, as ``bind_to_environ`` would.

    Same result as ``url_map.bind_to_environ(request.environ,
    server_name=None, subdomain=subdomain)``, with an empty subdomain in
    place of ``None`` unless the map matches hosts.

    :param subdomain: the subdomain to match; ``None`` with host matching.
    """
    environ = request.environ
    if "host" in request.__dict__:
        # Already parsed (and checked against TRUSTED_HOSTS) for this request.
        host = request.host
    else:
        host = get_host(environ)
        if request.trusted_hosts is None:
            # The same value request.host would compute; keep it for the app.
            request.host = host
    if subdomain is None and not url_map.host_matching:
        subdomain = ""
    return url_map.bind(
        host,
        _decoded(environ.get("SCRIPT_NAME")),
        subdomain,
        _url_scheme(environ),
        environ["REQUEST_METHOD"],
        _decoded(environ.get("PATH_INFO")),
        _decoded(environ.get("QUERY_STRING")),
    )


def _decoded(value: str | None) -> str | None:
    return None if value is None else decoded(value)


def _url_scheme(environ: t.Mapping[str, t.Any]) -> str:
    """The scheme, ``ws`` or ``wss`` for a WebSocket upgrade request."""
    scheme: str = environ["wsgi.url_scheme"]
    if environ.get("HTTP_UPGRADE", "").lower() == "websocket" and any(
        value.strip(" \t") == "upgrade"
        for value in environ.get("HTTP_CONNECTION", "").lower().split(",")
    ):
        return "wss" if scheme == "https" else "ws"
    return scheme
