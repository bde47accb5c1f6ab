"""``erlen run --asgi``: the app's ASGI callable served by uvicorn.

erlen-cli never imports erlen-asgi: it serves ``app.asgi``, which core
builds through its ``asgi`` slot, so a missing erlen-asgi is reported with
core's message and install command. uvicorn is optional too, imported only
when ``--asgi`` asks for it. The options of ``erlen run`` map onto uvicorn's
where they mean the same (host, port, ``--cert``/``--key``, ``--cert adhoc``,
``--reload``); those only Werkzeug's server has are refused, not ignored,
so nobody waits for a debugger or a watched file that never comes.
"""

from __future__ import annotations

import os
import ssl
import tempfile
import typing as t
from contextlib import contextmanager

import click
from click.core import ParameterSource
from werkzeug.serving import make_ssl_devcert

from erlen.plugins import MissingPluginError

from .asgi_app import export_app_target
from .asgi_app import FACTORY
from .scriptinfo import ScriptInfo

if t.TYPE_CHECKING:
    from collections.abc import Iterator

    from erlen.app import Erlen

    from .asgi_app import AsgiApp

INSTALL_UVICORN = "pip install uvicorn"

#: The options of ``erlen run`` that only Werkzeug's server has, and why.
_WSGI_ONLY = {
    "with_threads": "uvicorn runs async views on its event loop, and each sync"
    " view in a thread of its own",
    "debugger": "Werkzeug's debugger is WSGI middleware; uvicorn prints each"
    " error's traceback in the terminal",
    "extra_files": "uvicorn's reloader watches the .py files in the working"
    " directory and in the app's folder",
    "exclude_patterns": "uvicorn's reloader watches the .py files in the working"
    " directory and in the app's folder",
}
_NOT_GIVEN = (None, ParameterSource.DEFAULT, ParameterSource.DEFAULT_MAP)


def check(ctx: click.Context, cert: t.Any) -> None:
    """Refuse, before anything starts, what ``--asgi`` cannot honour.

    An option counts as given on the command line or through its
    ``ERLEN_RUN_*`` variable.

    :raise click.UsageError: an option of Werkzeug's server was given, or
        ``--cert`` names an ``ssl.SSLContext``, which uvicorn cannot take.
    :raise click.ClickException: uvicorn is not installed.
    """
    for param in ctx.command.params:
        reason = _WSGI_ONLY.get(param.name or "")
        if reason and ctx.get_parameter_source(param.name or "") not in _NOT_GIVEN:
            names = " / ".join(param.opts + param.secondary_opts)
            raise click.UsageError(
                f"'{names}' does not apply with '--asgi': {reason}.", ctx
            )
    if isinstance(cert, ssl.SSLContext):
        raise click.UsageError(
            "'--cert' with '--asgi' takes a certificate file with '--key', or"
            " 'adhoc': uvicorn builds its own SSL context from files, and cannot"
            " take an SSLContext object.",
            ctx,
        )
    try:
        import uvicorn  # noqa: F401
    except ImportError:
        raise click.ClickException(
            f"'--asgi' serves the app with uvicorn, which is not installed:"
            f" {INSTALL_UVICORN}"
        ) from None


def serve(
    info: ScriptInfo,
    host: str,
    port: int,
    *,
    reload: bool,
    cert: t.Literal["adhoc"] | tuple[str, str] | None,
) -> None:
    """Serve the app ``info`` finds with uvicorn until it is stopped.

    Call :func:`check` first. The app is loaded here, as ``erlen run``
    always does, so a missing app or erlen-asgi fails before a server
    starts. With ``reload``, uvicorn's processes find it again through
    :mod:`erlen_cli.asgi_app`, and uvicorn watches the working directory
    and the app's folder.

    :param cert: ``"adhoc"``, or the certificate and key files.
    :raise click.ClickException: erlen-asgi is not installed.
    """
    import uvicorn

    app = info.load_app()
    asgi = asgi_of(app)
    if reload:
        export_app_target(info)
    with certificate_files(cert) as (certfile, keyfile):
        uvicorn.run(
            FACTORY if reload else asgi,
            factory=reload,
            reload=reload,
            reload_dirs=sorted({os.getcwd(), app.root_path}) if reload else None,
            host=host,
            port=port,
            ssl_certfile=certfile,
            ssl_keyfile=keyfile,
        )


def asgi_of(app: Erlen) -> AsgiApp:
    """``app.asgi``; without an asgi plugin, core's message as a CLI error."""
    try:
        asgi: AsgiApp = app.asgi
    except MissingPluginError as e:
        raise click.ClickException(str(e)) from None
    return asgi


@contextmanager
def certificate_files(
    cert: t.Literal["adhoc"] | tuple[str, str] | None,
) -> Iterator[tuple[str | None, str | None]]:
    """uvicorn's ``ssl_certfile`` and ``ssl_keyfile`` for ``--cert``.

    ``adhoc`` is a throw-away certificate, as under Werkzeug's server, in
    files that last while the server does.
    """
    if cert is None:
        yield None, None
    elif isinstance(cert, tuple):
        yield cert
    else:
        with tempfile.TemporaryDirectory() as folder:
            yield make_ssl_devcert(os.path.join(folder, "adhoc"))
