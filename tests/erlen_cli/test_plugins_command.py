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
            assert listed == [[slot, "-", "-", "-", "-"]]
            assert f"{slot}: no plugin is installed" in result.stdout
            continue
        assert {row[1] for row in listed} == set(installed)
        for row in listed:
            info = installed[row[1]]
            assert row[2:4] == [info.distribution, info.version]
        selected = [row[1] for row in listed if len(row) == 5]
        assert selected == [registry.select(slot).name]


def test_the_cli_slot_shows_this_distribution_selected(erlen):
    from erlen_cli import __version__

    rows = table(erlen("plugins", env={"ERLEN_APP": "greeter"}).stdout)
    assert [
        "cli",
        "click",
        "erlen-cli",
        __version__,
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


def test_describe_slots_covers_empty_slots_and_each_reason():
    class Plugin:
        def signal(self, name):
            raise NotImplementedError

    registry = Registry(discover=False)
    registry.register("signals", "one", Plugin())
    registry.register("signals", "two", Plugin())
    rows, notes = describe_slots(registry, {"signals": "two"})

    assert [row[0] for row in rows] == [
        "sessions",
        "templating",
        "signals",
        "signals",
        "cli",
        "testing",
    ]
    assert ["signals", "one", "(registered in code)", "-", ""] in rows
    assert [
        "signals",
        "two",
        "(registered in code)",
        "-",
        "yes (chosen by the app)",
    ] in rows
    assert ["testing", "-", "-", "-", "-"] in rows
    assert (
        'testing: no plugin is installed. Install Erlen\'s with: pip install "erlen-core[testing]"'
        in notes
    )


def test_describe_slots_reports_an_ambiguous_slot():
    class Plugin:
        def signal(self, name):
            raise NotImplementedError

    registry = Registry(discover=False)
    registry.register("signals", "one", Plugin())
    registry.register("signals", "two", Plugin())
    rows, notes = describe_slots(registry, {})

    assert [row[4] for row in rows if row[0] == "signals"] == ["", ""]
    assert any(
        note.startswith("signals: Several plugins fill the 'signals' slot")
        for note in notes
    )


def test_describe_slots_single_plugin_reason():
    class Plugin:
        def signal(self, name):
            raise NotImplementedError

    registry = Registry(discover=False)
    registry.register("signals", "only", Plugin())
    rows, _ = describe_slots(registry, {})
    assert [
        "signals",
        "only",
        "(registered in code)",
        "-",
        "yes (only one installed)",
    ] in rows
