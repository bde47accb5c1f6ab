"""Finding the app again in each process uvicorn's reloader starts.

``erlen run --asgi`` with the reloader hands uvicorn the import string of
:func:`reloaded_app` (:data:`FACTORY`), and uvicorn calls it in every
server process it starts, the first and each one after a change. The app
object the command loaded cannot cross into those processes; the way it
was found can. :func:`export_app_target` writes the command's
:class:`~erlen_cli.ScriptInfo` into the environment, which the new
processes inherit (with what ``.env`` files and ``--debug`` put there), and
:func:`reloaded_app` rebuilds it and loads the app through it.

Re-running discovery, rather than giving uvicorn ``module:app.asgi``, keeps
everything ``--app`` accepts working under the reloader, as it does under
Werkzeug's: a path to a file, a factory called with arguments, ``wsgi.py``
or ``app.py`` found in the working directory, and the module-level
``create_app`` of a custom script. It also picks up an edit that moves the
app, as a fresh ``erlen run`` would.
"""

from __future__ import annotations

import dataclasses
import json
import os
import sys
import typing as t

import click
from werkzeug.utils import import_string

from .load_error import report_load_error
from .profile import Profile
from .scriptinfo import ScriptInfo

if t.TYPE_CHECKING:
    from erlen.app import Erlen

#: An ASGI message.
Message = t.MutableMapping[str, t.Any]
#: An ASGI 3 application: what ``app.asgi`` is, and what uvicorn serves.
AsgiApp = t.Callable[
    [
        t.MutableMapping[str, t.Any],
        t.Callable[[], t.Awaitable[Message]],
        t.Callable[[Message], t.Awaitable[None]],
    ],
    t.Awaitable[None],
]

#: The import string uvicorn's reloader is given (with ``factory=True``).
FACTORY = f"{__name__}:reloaded_app"
#: The environment variable that carries the way to find the app; internal to
#: erlen-cli, so it keeps this name whatever profile the command has.
TARGET_VARIABLE = "ERLEN_CLI_ASGI_TARGET"


def export_app_target(info: ScriptInfo) -> None:
    """Record in the environment how ``info`` finds the app, for :func:`reloaded_app`.

    :raise click.UsageError: ``info`` loads the app with a ``create_app``
        function that another process cannot import by name (a lambda, a
        nested function).
    """
    target = {
        "app_import_path": info.app_import_path,
        "create_app": None if info.create_app is None else _import_name(info.create_app),
        "set_debug_flag": info.set_debug_flag,
        "profile": dataclasses.asdict(info.profile),
    }
    os.environ[TARGET_VARIABLE] = json.dumps(target)


def script_info_from_environ() -> ScriptInfo:
    """The :class:`~erlen_cli.ScriptInfo` :func:`export_app_target` recorded."""
    target = json.loads(os.environ[TARGET_VARIABLE])
    profile = target["profile"]
    profile["dotenv_files"] = tuple(profile["dotenv_files"])
    create_app = target["create_app"]
    return ScriptInfo(
        app_import_path=target["app_import_path"],
        create_app=None if create_app is None else import_string(create_app),
        set_debug_flag=target["set_debug_flag"],
        # The first process loaded the files; this one inherited the result.
        load_dotenv_defaults=False,
        profile=Profile(**profile),
    )


def reloaded_app() -> AsgiApp:
    """The app's ASGI callable, found again; uvicorn's factory under the reloader.

    A load error (an edit that broke the app) is served to every request,
    as under Werkzeug's reloader (:mod:`erlen_cli.load_error`).
    """
    try:
        asgi: AsgiApp = script_info_from_environ().load_app().asgi
    except Exception as error:
        return _raising(report_load_error(error))
    return asgi


def _raising(raise_again: t.Callable[[], t.NoReturn]) -> AsgiApp:
    """An ASGI app that calls ``raise_again`` for every scope, lifespan included."""

    async def asgi(
        scope: t.MutableMapping[str, t.Any],
        receive: t.Callable[[], t.Awaitable[Message]],
        send: t.Callable[[Message], t.Awaitable[None]],
    ) -> None:
        raise_again()

    return asgi


def _import_name(create_app: t.Callable[[], Erlen]) -> str:
    """``module:name`` of ``create_app``, if importing that gives it back."""
    module = getattr(create_app, "__module__", None)
    name = getattr(create_app, "__qualname__", "")
    if module is None or getattr(sys.modules.get(module), name, None) is not create_app:
        raise click.UsageError(
            f"The reloader of '--asgi' cannot find the app again: uvicorn restarts"
            f" the server in a new process, which must import the function that"
            f" creates it, and {create_app!r} has no importable name. Pass a"
            " function defined at the top of a module, or use '--no-reload'."
        )
    return f"{module}:{name}"
