"""Commands that other distributions add to ``erlen``, through entry points.

A distribution declares::

    [project.entry-points."erlen.commands"]
    db = "my_extension.cli:db_group"

and ``erlen db ...`` runs that click command or group.
"""

from __future__ import annotations

import typing as t

import click

if t.TYPE_CHECKING:
    from importlib.metadata import EntryPoint


def load_commands(group: str) -> dict[str, click.Command]:
    """Load every command declared in the entry-point ``group``, by name.

    A command that fails to load is reported on stderr and left out: one
    broken extension must not take ``erlen run`` and every other command
    down with it.
    """
    # Imported here: it is slow to import (docs/packaging.md, trap 10).
    from importlib.metadata import entry_points

    commands = {}
    for ep in entry_points(group=group):
        command = _load(ep)
        if command is not None:
            commands[ep.name] = command
    return commands


def _load(ep: EntryPoint) -> click.Command | None:
    try:
        command = ep.load()
    except Exception as e:
        problem = f"could not be imported: {type(e).__name__}: {e}"
    else:
        if isinstance(command, click.Command):
            return command
        problem = f"is a {type(command).__name__!r}, not a click command"
    dist = ep.dist
    source = (
        f"{dist.metadata['Name']} {dist.version}" if dist else "an unknown distribution"
    )
    click.secho(
        f"Warning: the command {ep.name!r} (entry point {ep.value!r} in group"
        f" {ep.group!r} of {source}) {problem}. It is left out; the other commands"
        " still work. Reinstall that distribution, or uninstall it if it is not"
        " needed.",
        err=True,
        fg="yellow",
    )
    return None
