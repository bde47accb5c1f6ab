"""``erlen plugins``: which plugin fills each slot, and which one the app uses."""

from __future__ import annotations

import importlib.util
import typing as t
from importlib.machinery import PathFinder
from importlib.metadata import DistributionFinder

import click

from erlen.plugins import IncompatiblePluginError
from erlen.plugins import PluginError
from erlen.plugins import registry
from erlen.plugins import SLOTS

from ..discovery import NoAppException
from ..scriptinfo import pass_script_info
from ..scriptinfo import ScriptInfo
from ..table import format_table

if t.TYPE_CHECKING:
    from erlen.plugins import PluginInfo
    from erlen.plugins import Registry

HEADERS = ("Slot", "Plugin", "Distribution", "Version", "Contract", "Selected")


@click.command("plugins", short_help="Show the plugins filling each slot.")
@pass_script_info
def plugins_command(info: ScriptInfo) -> None:
    """List every plugin slot, the plugins installed for it, the contract
    version each implements, and which one the app selects.

    A slot is filled by the plugin the app chooses by name (the 'plugins'
    argument or the PLUGINS config key), else by the only one installed,
    else by Erlen's own among several. Without a loadable app, the
    selection shown is the one an app that chooses nothing gets.
    """
    choices: dict[str, str | None] = {}
    notes: list[str] = []
    try:
        app = info.load_app()
    except NoAppException as e:
        click.secho(f"Error: {e.format_message()}\n", err=True, fg="red")
        click.echo("No application loaded: showing the default selection.\n")
    else:
        for slot in SLOTS:
            try:
                choices[slot] = app.plugin_choice(slot)
            except PluginError as e:  # a choice the slot refuses
                notes.append(f"{slot}: {e}")

    rows, slot_notes = describe_slots(registry, choices)
    notes.extend(slot_notes)
    for line in format_table(HEADERS, rows):
        click.echo(line)
    if notes:
        click.echo("")
        for note in notes:
            click.echo(note)
    flask = describe_flask()
    if flask is not None:
        click.echo(f"\n{flask}")


def describe_flask() -> str | None:
    """Which framework ``import flask`` gives here, if any; ``None`` if neither.

    erlen-flask-compat serves ``flask`` ahead of a real Flask installed
    beside it, which a user cannot tell from ``pip list``. The import system
    is asked, without importing ``flask``.
    """
    spec = importlib.util.find_spec("flask")
    if spec is None:
        return None
    dist = next(iter(PathFinder.find_distributions(DistributionFinder.Context(name="flask"))), None)
    if type(spec.loader).__module__.startswith("erlen_flask_compat."):
        aside = "" if dist is None else f"; the installed Flask {dist.version} stands aside"
        return f"flask: Erlen, through erlen-flask-compat{aside}"
    version = "" if dist is None else f" {dist.version}"
    return f"flask: the real Flask{version} ({spec.origin})"


def describe_slots(
    registry: Registry, choices: t.Mapping[str, str | None]
) -> tuple[list[list[str]], list[str]]:
    """The table rows for every slot, and notes on the slots that need them.

    :param choices: the plugin name the app chose for a slot, if any.
    :return: one row per installed plugin (a placeholder row for an empty
        slot), and a note per empty slot, failed selection or plugin that
        does not load. Every plugin is loaded, to check its contract.
    """
    rows: list[list[str]] = []
    notes: list[str] = []
    for slot in SLOTS.values():
        plugins = registry.available(slot.name)
        if not plugins:
            rows.append([slot.name, "-", "-", "-", "-", "-"])
            notes.append(
                f"{slot.name}: no plugin is installed. Install Erlen's with:"
                f" {slot.install_hint}"
            )
            continue
        choice = choices.get(slot.name)
        try:
            selected = registry.select(slot.name, choice)
        except PluginError as e:
            selected = None
            notes.append(f"{slot.name}: {e}")
        reason = _reason(choice, plugins)
        for plugin in plugins.values():
            contract, problem = _contract(plugin, str(slot.contract))
            if problem is not None:
                notes.append(f"{slot.name}: {problem}")
            rows.append(_row(plugin, contract, reason if plugin is selected else ""))
    return rows, notes


def _contract(plugin: PluginInfo, offered: str) -> tuple[str, str | None]:
    """The contract cell of ``plugin``'s row, and why it does not load, if it does not."""
    try:
        loaded = plugin.load()
    except IncompatiblePluginError as e:
        return f"{e.built_for} (core offers {e.offered})", str(e)
    except PluginError as e:
        return "? (does not load)", str(e)
    return f"{loaded.contract_version} (fits {offered})", None  # type: ignore[attr-defined]


def _reason(choice: str | None, plugins: t.Mapping[str, PluginInfo]) -> str:
    """Why the selected plugin is the one, in the order the registry decides."""
    if choice is not None:
        return "yes (chosen by the app)"
    if len(plugins) == 1:
        return "yes (only one installed)"
    return "yes (Erlen's own)"


def _row(plugin: PluginInfo, contract: str, selected: str) -> list[str]:
    return [
        plugin.slot,
        plugin.name,
        plugin.distribution or "(registered in code)",
        plugin.version or "-",
        contract,
        selected,
    ]
