"""``erlen run``: serve the app with Werkzeug's development server, or uvicorn.

With ``--asgi``, :mod:`erlen_cli.asgi_server` serves ``app.asgi`` instead.
"""

from __future__ import annotations

import os
import typing as t

import click
from werkzeug.serving import is_running_from_reloader
from werkzeug.serving import run_simple

from ..load_error import report_load_error
from ..options import debug_option
from ..params import CertParamType
from ..params import SeparatedPathType
from ..params import validate_key
from ..profile import Profile
from ..scriptinfo import pass_script_info
from ..scriptinfo import ScriptInfo

if t.TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse
    from _typeshed.wsgi import WSGIApplication
    from _typeshed.wsgi import WSGIEnvironment


@click.command("run", short_help="Run a development server.")
@click.option("--host", "-h", default="127.0.0.1", help="The interface to bind to.")
@click.option("--port", "-p", default=5000, help="The port to bind to.")
@click.option(
    "--cert",
    type=CertParamType(),
    help="Specify a certificate file to use HTTPS.",
    is_eager=True,
)
@click.option(
    "--key",
    type=click.Path(exists=True, dir_okay=False, resolve_path=True),
    callback=validate_key,
    expose_value=False,
    help="The key file to use when specifying a certificate.",
)
@click.option(
    "--reload/--no-reload",
    default=None,
    help="Enable or disable the reloader. By default the reloader is active if"
    " debug is enabled.",
)
@click.option(
    "--debugger/--no-debugger",
    default=None,
    help="Enable or disable the debugger. By default the debugger is active if"
    " debug is enabled.",
)
@click.option(
    "--with-threads/--without-threads",
    default=True,
    help="Enable or disable multithreading.",
)
@click.option(
    "--extra-files",
    default=None,
    type=SeparatedPathType(),
    help="Extra files that trigger a reload on change. Multiple paths are"
    f" separated by {os.path.pathsep!r}.",
)
@click.option(
    "--exclude-patterns",
    default=None,
    type=SeparatedPathType(),
    help="Files matching these fnmatch patterns will not trigger a reload on"
    f" change. Multiple patterns are separated by {os.path.pathsep!r}.",
)
@click.option(
    "--asgi",
    is_flag=True,
    help="Serve the app's ASGI interface (app.asgi) with uvicorn: async views on"
    " its event loop, WebSockets. Needs erlen-asgi and uvicorn.",
)
@pass_script_info
def run_command(
    info: ScriptInfo,
    host: str,
    port: int,
    reload: bool | None,
    debugger: bool | None,
    with_threads: bool,
    cert: t.Any,
    extra_files: list[str] | None,
    exclude_patterns: list[str] | None,
    asgi: bool,
) -> None:
    """Run a local development server.

    This server is for development purposes only. It does not provide
    the stability, security, or performance of production WSGI servers.

    The reloader and debugger are enabled by default with the '--debug'
    option; with '--asgi', the reloader is.
    """
    debug = info.profile.debug_flag()
    use_reloader = debug if reload is None else reload
    if asgi:
        from .. import asgi_server

        asgi_server.check(click.get_current_context(), cert)
        show_server_banner(debug, info.app_import_path, info.profile)
        asgi_server.serve(info, host, port, reload=use_reloader, cert=cert)
        return
    app = _load_app(info)
    show_server_banner(debug, info.app_import_path, info.profile)
    run_simple(
        host,
        port,
        app,
        use_reloader=use_reloader,
        use_debugger=debug if debugger is None else debugger,
        threaded=with_threads,
        ssl_context=cert,
        extra_files=extra_files,
        exclude_patterns=exclude_patterns,
    )


# `erlen run --debug` reads better than `erlen --debug run`; both work.
run_command.params.insert(0, debug_option)


def _load_app(info: ScriptInfo) -> WSGIApplication:
    """Load the app; in the reloader's child, serve a load error instead.

    Raising there would end the process, and with it the reloader that
    would have picked up the fix. Serving the error keeps it watching, and
    the traceback shows in the terminal and, with the debugger, the browser.
    """
    try:
        return info.load_app()
    except Exception as error:
        if not is_running_from_reloader():
            raise
        raise_again = report_load_error(error)

        def app(environ: WSGIEnvironment, start_response: StartResponse) -> t.NoReturn:
            raise_again()

        return app


def show_server_banner(
    debug: bool, app_import_path: str | None, profile: Profile
) -> None:
    """Say which app is served and in which mode, once, not on each reload."""
    if is_running_from_reloader():
        return
    if app_import_path is not None:
        click.echo(f" * Serving {profile.framework} app '{app_import_path}'")
    click.echo(f" * Debug mode: {'on' if debug else 'off'}")
