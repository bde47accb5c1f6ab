"""``python -m erlen`` runs the erlen command, or says how to install it."""

from __future__ import annotations

import subprocess
import sys

import pytest

from erlen import __main__ as entry


def test_runs_the_erlen_command() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "erlen", "--help"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "A general utility script for Erlen applications." in result.stdout


def test_without_erlen_cli_names_the_install(monkeypatch: pytest.MonkeyPatch) -> None:
    # A None entry makes the import fail, as when erlen-cli is not installed.
    monkeypatch.setitem(sys.modules, "erlen_cli.main", None)
    with pytest.raises(SystemExit) as exit:
        entry.main()
    assert 'pip install "erlen-core[cli]"' in str(exit.value.code)
