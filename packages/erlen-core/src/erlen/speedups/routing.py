"""Speedup: binding the URL map to a request without reading the environ twice.

General path replaced: :func:`erlen.routing.bind_request`, that is
:meth:`werkzeug.routing.Map.bind_to_environ` and
:meth:`~werkzeug.routing.MapAdapter.match`.

``bind_to_environ`` works out the host, scheme, script name, path and
method from the environ on every call, and was the largest single cost of a
small request. When no ``SERVER_NAME`` takes part in matching (the usual
case), all it does is what :func:`bind_request` does here with the
request's values, then :meth:`~werkzeug.routing.Map.bind`. An adapter bound
for a host seen before also remembers the answers of matching, and answers
a path it has not seen through :mod:`.matching` when that can decide
(:class:`_MatchCachingAdapter`).

Internals used: ``Rule._converters`` (a rule's converter instances);
what is remembered is kept in the map's :class:`~.matching.Routes`, which
are dropped when rules are added.
Held to the general path by ``tests/erlen_core/test_fast_paths.py`` and
``tests/erlen_core/test_matching_equivalence.py``.
"""

from __future__ import annotations

import typing as t

from werkzeug.routing import Map
from werkzeug.routing import MapAdapter
from werkzeug.routing import Rule
from werkzeug.wsgi import get_host

from . import matching
from .requests import decoded

if t.TYPE_CHECKING:
    from werkzeug.wrappers import Request


def bind_request(url_map: Map, request: Request, subdomain: str | None) -> MapAdapter:
    """Bind ``url_map`` to ``request``'s own host, as ``bind_to_environ`` would.

    Same result as ``url_map.bind_to_environ(request.environ,
    server_name=None, subdomain=subdomain)``, with an empty subdomain in
    place of ``None`` unless the map matches hosts.

    :param subdomain: the subdomain to match; ``None`` with host matching.
    """
    environ = request.environ
    if subdomain is None and not url_map.host_matching:
        subdomain = ""
    script_name = _decoded(environ.get("SCRIPT_NAME"))
    path_info = _decoded(environ.get("PATH_INFO"))
    query_string = _decoded(environ.get("QUERY_STRING"))
    method = environ["REQUEST_METHOD"]
    scheme = _url_scheme(environ)
    key = _host_key(url_map, request, subdomain)
    if key is None:
        # Werkzeug's way, every time (_host_key says which hosts).
        if "host" in request.__dict__:
            # Already parsed (and checked against TRUSTED_HOSTS) for this request.
            host = request.host
        else:
            host = get_host(environ)
            if request.trusted_hosts is None:
                # The same value request.host would compute; keep it for the app.
                request.host = host
        return url_map.bind(
            host, script_name, subdomain, scheme, method, path_info, query_string
        )
    known = _HOSTS.get(key)
    if known is None:
        host = get_host(environ)
        server_name = _plain_server_name(host)
        if server_name is None:
            server_name = url_map.bind(host).server_name
        if len(_HOSTS) >= _HOSTS_LIMIT:
            # Clients choose the Host header: never let them grow this.
            _HOSTS.clear()
        known = _HOSTS[key] = (host, server_name)
    request.host, server_name = known
    return _MatchCachingAdapter(
        url_map,
        server_name,
        "/" if script_name is None else script_name,
        subdomain,
        scheme,
        "/" if path_info is None else path_info,
        method,
        query_string,
    )


def _plain_server_name(host: str) -> str | None:
    """The server name ``Map.bind`` makes of ``host``, if it needs no IDNA codec.

    ``bind`` lower-cases the host and IDNA-encodes the name before any
    port. A name in ASCII encodes to itself once its dot-separated labels
    pass the codec's length checks (each but the last 1 to 63 characters,
    the last under 64), which are made here: the codec's first use imports
    it and ``stringprep``'s Unicode tables, 1.5% of an app's cold start.
    ``None`` for a name the codec must encode or would refuse; ``bind``
    then does.
    """
    server_name = host.lower()
    name = server_name.partition(":")[0]
    if not name.isascii():
        return None
    *inner, last = name.split(".")
    if len(last) > 63 or not all(0 < len(label) < 64 for label in inner):
        return None
    return server_name


class _MatchCachingAdapter(MapAdapter):
    """A :class:`~werkzeug.routing.MapAdapter` that remembers its map's answers.

    Werkzeug walks its state machine, runs a regular expression per dynamic
    part and checks for default redirects on every request; for the same
    host, path, method and rules the answer is the same. Only the call a
    request context makes (``match(return_rule=True)``) is cached, and only
    answers that cannot differ: a plain :class:`~werkzeug.routing.Rule`
    whose converters are Werkzeug's own (their values are immutable and
    computed from the path alone). Errors and redirects are never cached.
    A path not remembered is answered by :func:`.matching.match`, or by
    Werkzeug when that cannot decide.
    """

    def match(
        self,
        path_info: str | None = None,
        method: str | None = None,
        return_rule: bool = False,
        query_args: t.Mapping[str, t.Any] | str | None = None,
        websocket: bool | None = None,
    ) -> tuple[t.Any, t.Mapping[str, t.Any]]:
        url_map = self.map
        if (
            not return_rule
            or path_info is not None
            or method is not None
            or query_args is not None
            or websocket is not None
        ):
            return super().match(  # type: ignore[call-overload, no-any-return]
                path_info, method, return_rule, query_args, websocket
            )
        routes = matching.routes_of(url_map)
        matches = routes.matches
        path_info = self.path_info
        key = (
            url_map.redirect_defaults,
            self.server_name,
            self.subdomain,
            path_info,
            self.default_method,
            self.websocket,
        )
        known = matches.get(key)
        if known is not None:
            return known[0], dict(known[1])
        index = routes.index
        answer: tuple[Rule, t.Mapping[str, t.Any]] | None = None
        if index is not None:
            # What MapAdapter.match hands its matcher.
            answer = matching.match(
                index,
                url_map,
                self.server_name
                if url_map.host_matching or self.subdomain is None
                else self.subdomain,
                f"/{path_info.lstrip('/')}" if path_info else "",
                self.default_method.upper(),
                self.websocket,
            )
        if answer is None:
            answer = super().match(return_rule=True)
        rule, values = answer
        pure = routes.pure.get(id(rule))
        if pure is None:
            pure = routes.pure[id(rule)] = type(rule) is Rule and all(
                type(converter) in _PURE_CONVERTERS
                for converter in rule._converters.values()
            )
        if pure:
            if len(matches) >= _MATCHES_LIMIT:
                # Clients choose the path: never let them grow this.
                matches.clear()
            matches[key] = (rule, dict(values))
        return rule, values


#: Werkzeug's own converters: ``to_python`` depends on the path part alone
#: and gives immutable values. An app's converter may look things up.
_PURE_CONVERTERS = frozenset(Map.default_converters.values())
_MATCHES_LIMIT = 1024


#: ``(scheme, Host header)`` -> (``request.host``, the name ``Map.bind`` makes
#: of it). Both depend on that pair alone, yet Werkzeug validates the header
#: and IDNA-encodes the name again on every request.
_HOSTS: dict[tuple[str, str], tuple[str, str]] = {}
_HOSTS_LIMIT = 256


def _host_key(
    url_map: Map, request: Request, subdomain: str | None
) -> tuple[str, str] | None:
    """The key of the request's host in :data:`_HOSTS`, or ``None`` not to cache.

    Without a Host header the host comes from the server's address; with
    ``TRUSTED_HOSTS`` it must be checked; a ``Map`` subclass may bind in its
    own way; and ``Map.bind`` refuses a subdomain with host matching. All
    those go Werkzeug's way every time.
    """
    header = request.environ.get("HTTP_HOST")
    if (
        header is None
        or request.trusted_hosts is not None
        or "host" in request.__dict__
        or type(url_map).bind is not Map.bind
        or (subdomain is not None and url_map.host_matching)
    ):
        return None
    return request.environ["wsgi.url_scheme"], header


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
