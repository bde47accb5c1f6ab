"""``erlen plugins`` lists erlen-signals beside a plugin the app chose.

erlen-cli does not depend on erlen-signals; these need both installed, which
only the full environment has. The apps they run are in ``apps/``.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import typing as t
from dataclasses import dataclass
from pathlib import Path

import pytest

APPS = Path(__file__).parent / "apps"

# Variables the command reads; a developer's shell must not leak them into
# the subprocess.
_OWN_PREFIXES = ("ERLEN_", "FLASK_", "PYTHONSTARTUP", "WERKZEUG_")


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def erlen() -> t.Callable[..., Result]:
    """Run the installed ``erlen`` command in ``apps/`` with extra variables."""
    executable = shutil.which("erlen", path=os.path.dirname(sys.executable))
    assert executable is not None, "erlen-cli is not installed in the test environment"

    def run(*args: str, env: t.Mapping[str, str]) -> Result:
        environ = {
            k: v for k, v in os.environ.items() if not k.startswith(_OWN_PREFIXES)
        }
        done = subprocess.run(
            [executable, *args],
            cwd=APPS,
            env={**environ, **env},
            input="",
            capture_output=True,
            text=True,
            timeout=60,
        )
        return Result(done.returncode, done.stdout, done.stderr)

    return run


def table(stdout: str) -> list[list[str]]:
    lines = stdout.split("\n\n")[0].splitlines()
    return [re.split(r"\s{2,}", line.strip()) for line in lines[2:]]


def test_the_apps_own_choice_is_shown(erlen):
    result = erlen("plugins", env={"ERLEN_APP": "chooser"})
    rows = table(result.stdout)
    assert [
        "sessions",
        "quiet",
        "(registered in code)",
        "-",
        "1.0 (fits 1.0)",
        "yes (chosen by the app)",
    ] in rows
    cookie = [row for row in rows if row[:2] == ["sessions", "cookie"]]
    assert cookie and len(cookie[0]) == 5  # listed, not selected


def test_an_unknown_choice_is_explained(erlen):
    result = erlen("plugins", env={"ERLEN_APP": "bad_choice"})
    assert result.returncode == 0
    assert "sessions: No sessions plugin named 'cookei' is available" in result.stdout
    assert "Did you mean 'cookie'?" in result.stdout


def test_an_app_choice_of_a_process_wide_slot_is_explained(erlen):
    result = erlen("plugins", env={"ERLEN_APP": "signals_choice"})
    assert result.returncode == 0, result.stderr
    assert "signals: The 'signals' slot is process-wide" in result.stdout
    assert "erlen.plugins.registry.choose('signals', 'blinker')" in result.stdout
