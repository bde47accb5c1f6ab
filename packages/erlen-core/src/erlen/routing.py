"""Binding the URL map to a request.

:func:`bind_request` binds the app's map to a request's own host, and
:func:`bind_to_server_name` to a configured ``SERVER_NAME``. The general
path is Werkzeug's :meth:`~werkzeug.routing.Map.bind_to_environ`; with the
speedups on, :func:`bind_request` is :func:`erlen.speedups.routing.bind_request`,
which gives the same adapter's answers without reading the environ twice.
"""

from __future__ import annotations

import sys
import typing as t
import warnings

from werkzeug.routing import Map
from werkzeug.routing import MapAdapter
from werkzeug.wsgi import get_host

from . import speedups

if t.TYPE_CHECKING:
    from werkzeug.wrappers import Request


def bind_request(url_map: Map, request: Request, subdomain: str | None) -> MapAdapter:
    """Bind ``url_map`` to ``request``'s own host: ``bind_to_environ``.

    :param subdomain: the subdomain to match; ``None`` with host matching.
    """
    if subdomain is None and not url_map.host_matching:
        # What bind_to_environ works out when the server name is the host.
        subdomain = ""
    return url_map.bind_to_environ(request.environ, subdomain=subdomain)


def bind_to_server_name(
    url_map: Map,
    request: Request,
    server_name: str,
    subdomain: str | None,
    warning_module: str,
) -> MapAdapter:
    """Bind ``url_map`` to ``request`` under the configured ``server_name``.

    ``url_map.bind_to_environ``, except that a request whose host is not
    ``server_name`` or below it, which Werkzeug warns about and answers with
    an invalid subdomain (so nothing matches), is warned about here, with
    Werkzeug's message, as coming from ``warning_module``: Werkzeug names
    the module that called it, which would be Erlen's, and code written for
    Flask filters the warning by Flask's module (``flask.app``). Only
    requests on this path pay for the check: it needs a ``SERVER_NAME``.

    :param subdomain: the subdomain to match, or ``None`` to take it from
        the host, as Werkzeug does.
    :param warning_module: the module the warning is attributed to.
    """
    environ = request.environ
    if subdomain is None and not url_map.host_matching:
        host = get_host(environ).lower()
        configured = _without_default_port(server_name.lower(), environ)
        labels, configured_labels = host.split("."), configured.split(".")
        offset = -len(configured_labels)
        if labels[offset:] == configured_labels:
            subdomain = ".".join(filter(None, labels[:offset]))
        else:
            _warn_from(
                warning_module,
                f"Current server name {host!r} doesn't match configured"
                f" server name {configured!r}",
            )
            subdomain = "<invalid>"
    return url_map.bind_to_environ(environ, server_name=server_name, subdomain=subdomain)


def _without_default_port(server_name: str, environ: t.Mapping[str, t.Any]) -> str:
    """``server_name`` without the scheme's default port, as the host has it."""
    scheme = environ["wsgi.url_scheme"]
    if scheme == "http" and server_name.endswith(":80"):
        return server_name[:-3]
    if scheme == "https" and server_name.endswith(":443"):
        return server_name[:-4]
    return server_name


def _warn_from(module: str, message: str) -> None:
    """Issue a ``UserWarning`` as if ``module`` had, for its warning filters.

    Explicit, rather than through the warnings machinery's frame lookup, so
    no global state changes: safe with requests in other threads.
    """
    frame = sys._getframe(1)
    namespace = sys.modules.get(module)
    warnings.warn_explicit(
        message,
        UserWarning,
        frame.f_code.co_filename,
        frame.f_lineno,
        module=module,
        registry=None if namespace is None else vars(namespace).setdefault(
            "__warningregistry__", {}
        ),
    )


if speedups.ENABLED:
    from .speedups import routing as _shortcut

    bind_request = _shortcut.bind_request
