"""``erlen shell``: an interactive Python shell inside the app's context."""

from __future__ import annotations

import os
import sys
import typing as t

import click

from erlen_contexts import current_app

from ..groups import with_appcontext

if t.TYPE_CHECKING:
    from erlen.app import Erlen


@click.command("shell", short_help="Run a shell in the app context.")
@with_appcontext
def shell_command() -> None:
    """Run an interactive Python shell in the context of the application.

    The shell starts with 'app', 'g' and whatever the app's shell context
    processors return already defined, and with PYTHONSTARTUP run first.
    Useful for small snippets of management code that need the app's
    configuration.
    """
    import code

    app: Erlen = current_app._get_current_object()  # type: ignore[attr-defined]
    banner = (
        f"Python {sys.version} on {sys.platform}\n"
        f"App: {app.import_name}\n"
        f"Instance: {app.instance_path}"
    )
    namespace: dict[str, t.Any] = {}
    _run_startup_file(namespace)
    namespace.update(app.make_shell_context())
    _enable_completion(namespace)
    code.interact(banner=banner, local=namespace)


def _run_startup_file(namespace: dict[str, t.Any]) -> None:
    """Run ``PYTHONSTARTUP`` as the interactive interpreter would.

    :func:`code.interact` does not, and users keep helpers there.
    """
    startup = os.environ.get("PYTHONSTARTUP")
    if startup and os.path.isfile(startup):
        with open(startup, encoding="utf-8") as f:
            exec(compile(f.read(), startup, "exec"), namespace)


def _enable_completion(namespace: dict[str, t.Any]) -> None:
    """Tab-complete the shell's names and keep history, at a terminal only.

    The interpreter runs its interactive hook only at a terminal too: with
    piped input there is nothing to complete, and writing the history file
    would record a script as if typed.
    """
    hook = getattr(sys, "__interactivehook__", None)
    if hook is None or not sys.stdin.isatty():
        return
    try:
        import readline
        from rlcompleter import Completer
    except ImportError:
        pass
    else:
        readline.set_completer(Completer(namespace).complete)
    hook()
