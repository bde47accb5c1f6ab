"""``erlen plugins``: every slot, what is installed for it, and what the app selects."""

from __future__ import annotations

import re

from erlen.plugins import available
from erlen.plugins import Registry
from erlen.plugins import registry
from erlen.plugins import SLOTS
from erlen_cli.commands.plugins import describe_slots


def table(stdout: str) -> list[list[str]]:
    lines = stdout.split("\n\n")[0].splitlines()
    return [re.split(r"\s{2,}", line.strip()) for line in lines[2:]]


def test_every_installed_plugin_is_listed_with_distribution_and_version(erlen):
    result = erlen("plugins", env={"ERLEN_APP": "greeter"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0].split() == [
        "Slot",
        "Plugin",
        "Distribution",
        "Version",
        "Contract",
        "Selected",
    ]
    rows = table(result.stdout)
    slots = [row[0] for row in rows]
    assert slots == sorted(slots, key=list(SLOTS).index)
    assert set(slots) == set(SLOTS)
    for slot in SLOTS:
        installed = available(slot)
        listed = [row for row in rows if row[0] == slot]
        if not installed:
            assert listed == [[slot, "-", "-", "-", "-", "-"]]
            assert f"{slot}: no plugin is installed" in result.stdout
            continue
        assert {row[1] for row in listed} == set(installed)
        for row in listed:
            info = installed[row[1]]
            # The fixture 'broken' lacks a method of its protocol.
            contract = "? (does not load)" if row[1] == "broken" else "1.0 (fits 1.0)"
            assert row[2:5] == [info.distribution, info.version, contract]
        selected = [row[1] for row in listed if len(row) == 6]
        assert selected == [registry.select(slot).name]


def test_the_cli_slot_shows_this_distribution_selected(erlen):
    from erlen_cli import __version__

    rows = table(erlen("plugins", env={"ERLEN_APP": "greeter"}).stdout)
    assert [
        "cli",
        "click",
        "erlen-cli",
        __version__,
        "1.0 (fits 1.0)",
        "yes (only one installed)",
    ] in rows


def test_without_an_app_the_default_selection_is_shown(erlen, tmp_path):
    result = erlen("plugins", cwd=tmp_path)
    assert result.returncode == 0
    assert "Could not locate the Erlen application" in result.stderr
    assert result.stdout.startswith(
        "No application loaded: showing the default selection."
    )
    assert "erlen-cli" in result.stdout


class Sessions:
    def __init__(self, contract_version: str = "1.0") -> None:
        self.contract_version = contract_version

    def create_session_interface(self, app):
        raise NotImplementedError


def test_describe_slots_covers_empty_slots_and_each_reason():
    registry = Registry(discover=False)
    registry.register("sessions", "one", Sessions())
    registry.register("sessions", "two", Sessions())
    rows, notes = describe_slots(registry, {"sessions": "two"})

    # Two rows for sessions, one placeholder for each other slot, in order.
    assert [row[0] for row in rows] == ["sessions", *SLOTS]
    assert ["sessions", "one", "(registered in code)", "-", "1.0 (fits 1.0)", ""] in rows
    assert [
        "sessions",
        "two",
        "(registered in code)",
        "-",
        "1.0 (fits 1.0)",
        "yes (chosen by the app)",
    ] in rows
    assert ["testing", "-", "-", "-", "-", "-"] in rows
    assert (
        'testing: no plugin is installed. Install Erlen\'s with: pip install "erlen-core[testing]"'
        in notes
    )


def test_describe_slots_reports_an_ambiguous_slot():
    registry = Registry(discover=False)
    registry.register("sessions", "one", Sessions())
    registry.register("sessions", "two", Sessions())
    rows, notes = describe_slots(registry, {})

    assert [row[5] for row in rows if row[0] == "sessions"] == ["", ""]
    assert any(
        note.startswith("sessions: Several plugins fill the 'sessions' slot")
        for note in notes
    )


def test_describe_slots_single_plugin_reason():
    registry = Registry(discover=False)
    registry.register("sessions", "only", Sessions())
    rows, _ = describe_slots(registry, {})
    assert [
        "sessions",
        "only",
        "(registered in code)",
        "-",
        "1.0 (fits 1.0)",
        "yes (only one installed)",
    ] in rows


def test_describe_slots_shows_a_plugin_built_for_another_contract():
    registry = Registry(discover=False)
    future = Sessions()
    registry.register("sessions", "future", future)
    # Registering checks at once; what is checked again is what loads later,
    # as an installed plugin upgraded on disk would be.
    future.contract_version = "2.0"
    rows, notes = describe_slots(registry, {})
    assert rows[0] == [
        "sessions",
        "future",
        "(registered in code)",
        "-",
        "2.0 (core offers 1.0)",
        "yes (only one installed)",
    ]
    assert any(
        note.startswith("sessions: The plugin 'future'")
        and "implements version 2.0 of the sessions contract" in note
        for note in notes
    )
