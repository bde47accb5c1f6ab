"""The options of the ``erlen`` command itself: ``--app``, ``--debug``, ``-e``.

They are handled as they are parsed, in their callbacks, because the
commands listed in ``--help`` depend on them: the env file may set
``ERLEN_APP``, and ``--app`` says which app's commands to list.
"""

from __future__ import annotations

import platform

import click
from click.core import ParameterSource

from .dotenv import INSTALL_DOTENV
from .dotenv import load_dotenv
from .profile import Profile
from .scriptinfo import ScriptInfo


def _set_app(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    if value is not None:
        ctx.ensure_object(ScriptInfo).app_import_path = value


app_option = click.Option(
    ["-A", "--app"],
    metavar="IMPORT",
    help=(
        "The application or factory function to load, in the form 'module:name'."
        " Module can be a dotted import or file path. Name is not required if it"
        " is 'app', 'application', 'create_app', or 'make_app', and can be"
        " 'name(args)' to pass arguments."
    ),
    is_eager=True,
    expose_value=False,
    callback=_set_app,
)


def _set_debug(ctx: click.Context, param: click.Parameter, value: bool | None) -> None:
    # A default is no decision: leave the environment (and .env files) alone.
    source = ctx.get_parameter_source(param.name)
    if value is None or source in (
        None,
        ParameterSource.DEFAULT,
        ParameterSource.DEFAULT_MAP,
    ):
        return
    ctx.ensure_object(ScriptInfo).profile.set_debug_flag(value)


debug_option = click.Option(
    ["--debug/--no-debug"],
    help="Set debug mode.",
    expose_value=False,
    callback=_set_debug,
)


def _load_env_file(
    ctx: click.Context, param: click.Parameter, value: str | None
) -> str | None:
    info = ctx.ensure_object(ScriptInfo)
    if value is not None:
        try:
            import dotenv  # noqa: F401
        except ImportError:
            raise click.BadParameter(
                f"python-dotenv must be installed to load an env file: {INSTALL_DOTENV}",
                ctx=ctx,
                param=param,
            ) from None
    if value is not None or info.load_dotenv_defaults:
        load_dotenv(
            value, load_defaults=info.load_dotenv_defaults, profile=info.profile
        )
    return value


def env_file_option(profile: Profile) -> click.Option:
    """``-e/--env-file``; it also loads the default dotenv files."""
    defaults = " and ".join(map(repr, reversed(profile.dotenv_files)))
    return click.Option(
        ["-e", "--env-file"],
        type=click.Path(exists=True, dir_okay=False),
        help=(
            "Load environment variables from this file, taking precedence over"
            f" those set by {defaults}. Variables set directly in the environment"
            " take highest precedence. python-dotenv must be installed."
        ),
        # Eager and declared first, so the files are loaded before --app and
        # --debug look for their environment variables.
        is_eager=True,
        expose_value=False,
        callback=_load_env_file,
    )


def _show_version(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if not value or ctx.resilient_parsing:
        return
    from importlib.metadata import version

    from erlen import __version__

    click.echo(
        f"Python {platform.python_version()}\n"
        f"Erlen {__version__}\n"
        f"Werkzeug {version('werkzeug')}",
        color=ctx.color,
    )
    ctx.exit()


version_option = click.Option(
    ["--version"],
    help="Show the Erlen version.",
    expose_value=False,
    callback=_show_version,
    is_flag=True,
    is_eager=True,
)
