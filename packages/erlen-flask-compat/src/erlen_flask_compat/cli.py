"""The ``flask`` command: erlen-cli presented under Flask's names.

erlen-cli takes its command name, environment prefix and dotenv files from
a :class:`~erlen_cli.Profile`; this module only passes :data:`FLASK`, so
``flask run``, ``FLASK_APP``, ``FLASK_DEBUG``, ``.flaskenv`` and the
``flask.commands`` entry points of extensions all work as in Flask.
"""

from __future__ import annotations

import importlib
import os
import platform
import typing as t

import click

from erlen_cli import ErlenGroup
from erlen_cli import load_dotenv as erlen_load_dotenv
from erlen_cli import Profile
from erlen_cli import ScriptInfo as ErlenScriptInfo

from .finder import is_switched_off
from .finder import SWITCH

if t.TYPE_CHECKING:
    from erlen.app import Erlen

#: ``flask``, ``FLASK_*``, ``.flaskenv`` and ``.env``, and extensions'
#: commands from the ``flask.commands`` entry-point group.
FLASK = Profile(
    prog="flask",
    framework="Flask",
    env_prefix="FLASK",
    dotenv_files=(".flaskenv", ".env"),
    commands_group="flask.commands",
)


class ScriptInfo(ErlenScriptInfo):
    """How the ``flask`` command finds the app; reads ``FLASK_`` variables."""

    def __init__(
        self,
        app_import_path: str | None = None,
        create_app: t.Callable[[], Erlen] | None = None,
        set_debug_flag: bool = True,
        load_dotenv_defaults: bool = True,
        profile: Profile = FLASK,
    ) -> None:
        super().__init__(
            app_import_path, create_app, set_debug_flag, load_dotenv_defaults, profile
        )


#: Pass the current :class:`ScriptInfo` as a command's first argument.
pass_script_info = click.make_pass_decorator(ScriptInfo, ensure=True)


def load_dotenv(
    path: str | os.PathLike[str] | None = None, load_defaults: bool = True
) -> bool:
    """Load ``.flaskenv``, ``.env`` and ``path``; see :func:`erlen_cli.load_dotenv`."""
    return erlen_load_dotenv(path, load_defaults=load_defaults, profile=FLASK)


def get_version(
    ctx: click.Context, param: click.Parameter | None, value: t.Any
) -> None:
    """The ``--version`` callback: print the versions that serve the app."""
    if not value or ctx.resilient_parsing:
        return
    from importlib.metadata import version

    from erlen import __version__

    from .__about__ import __version__ as compat_version
    from .__about__ import FLASK_VERSION

    lines = [
        f"Python {platform.python_version()}",
        f"Flask {FLASK_VERSION} API, served by Erlen {__version__}"
        f" (erlen-flask-compat {compat_version})",
        f"Werkzeug {version('werkzeug')}",
    ]
    real = real_flask_version()
    if real is not None:
        lines.append(
            f"The installed Flask {real} is not serving; {SWITCH}=0 runs it instead."
        )
    click.echo("\n".join(lines), color=ctx.color)
    ctx.exit()


def real_flask_version() -> str | None:
    """The version of the real Flask installed beside the compat layer, if any."""
    from importlib.machinery import PathFinder
    from importlib.metadata import DistributionFinder

    context = DistributionFinder.Context(name="flask")
    dist = next(iter(PathFinder.find_distributions(context)), None)
    return None if dist is None else dist.version


def show_server_banner(debug: bool, app_import_path: str | None) -> None:
    """Say which Flask app ``flask run`` serves, and in which mode."""
    from erlen_cli.commands.run import show_server_banner as show_banner

    show_banner(debug, app_import_path, FLASK)


version_option = click.Option(
    ["--version"],
    help="Show the Flask API, Erlen and Werkzeug versions.",
    expose_value=False,
    callback=get_version,
    is_flag=True,
    is_eager=True,
)


class FlaskGroup(ErlenGroup):
    """The ``flask`` command group, for a custom ``flask``-like script.

    The arguments are :class:`erlen_cli.ErlenGroup`'s, in Flask's order.
    """

    profile = FLASK
    script_info_class = ScriptInfo

    def __init__(
        self,
        add_default_commands: bool = True,
        create_app: t.Callable[[], Erlen] | None = None,
        add_version_option: bool = True,
        load_dotenv: bool = True,
        set_debug_flag: bool = True,
        **extra: t.Any,
    ) -> None:
        if add_version_option:
            extra["params"] = [*(extra.get("params") or ()), version_option]
        super().__init__(
            add_default_commands,
            create_app,
            add_version_option=False,
            load_dotenv=load_dotenv,
            set_debug_flag=set_debug_flag,
            **extra,
        )


cli = FlaskGroup(
    name="flask",
    help="""\
A general utility script for Flask applications, served by Erlen.

An application to load must be given with the '--app' option,
'FLASK_APP' environment variable, or with a 'wsgi.py' or 'app.py' file
in the current directory.
""",
)


def main() -> None:
    """Run the ``flask`` command: the real Flask's, if ``ERLEN_FLASK_COMPAT=0``."""
    if is_switched_off():
        try:
            real_cli = importlib.import_module("flask.cli")
        except ImportError:
            raise SystemExit(
                f"{SWITCH}=0 turns erlen-flask-compat off, and the real Flask is"
                f" not installed: unset {SWITCH} to run Flask apps on Erlen."
            ) from None
        real_cli.main()
        return
    cli.main()
