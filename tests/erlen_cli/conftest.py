"""Run the installed ``erlen`` executable against the small apps in ``apps/``."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import typing as t
from dataclasses import dataclass
from pathlib import Path

import pytest

APPS = Path(__file__).parent / "apps"

# Variables the command reads; a developer's shell must not leak them into
# the subprocesses.
_OWN_PREFIXES = ("ERLEN_", "FLASK_", "PYTHONSTARTUP", "WERKZEUG_")


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str


def erlen_executable() -> str:
    """The console script installed next to this interpreter."""
    found = shutil.which("erlen", path=os.path.dirname(sys.executable))
    assert found is not None, "erlen-cli is not installed in the test environment"
    return found


def clean_environ(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(_OWN_PREFIXES)}
    env["PYTHONUNBUFFERED"] = "1"
    env.update(extra)
    return env


class Erlen:
    """Runs ``erlen`` in a subprocess with a chosen working directory and environment."""

    def __init__(self, executable: str, home: Path) -> None:
        self.executable = executable
        self.home = home

    def environ(self, env: t.Mapping[str, str] | None) -> dict[str, str]:
        # A private HOME keeps the shell's history file out of the user's.
        return clean_environ(HOME=str(self.home), **(env or {}))

    def __call__(
        self,
        *args: str,
        cwd: Path = APPS,
        env: t.Mapping[str, str] | None = None,
        input: str | None = None,
    ) -> Result:
        done = subprocess.run(
            [self.executable, *args],
            cwd=cwd,
            env=self.environ(env),
            input=input if input is not None else "",
            capture_output=True,
            text=True,
            timeout=60,
        )
        return Result(done.returncode, done.stdout, done.stderr)

    def python(
        self,
        code: str,
        *args: str,
        cwd: Path = APPS,
        env: t.Mapping[str, str] | None = None,
    ) -> Result:
        """Run ``code`` with ``sys.executable``, with ``sys.argv[1:]`` set to ``args``."""
        done = subprocess.run(
            [sys.executable, "-c", code, *args],
            cwd=cwd,
            env=self.environ(env),
            input="",
            capture_output=True,
            text=True,
            timeout=60,
        )
        return Result(done.returncode, done.stdout, done.stderr)

    def popen(
        self, *args: str, cwd: Path = APPS, env: t.Mapping[str, str] | None = None
    ) -> subprocess.Popen[str]:
        return subprocess.Popen(
            [self.executable, *args],
            cwd=cwd,
            env=self.environ(env),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )


@pytest.fixture
def erlen(tmp_path_factory: pytest.TempPathFactory) -> Erlen:
    return Erlen(erlen_executable(), tmp_path_factory.mktemp("home"))


@pytest.fixture
def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def isolated_environ(monkeypatch: pytest.MonkeyPatch) -> None:
    """Let in-process commands set ERLEN_* variables without leaking them."""
    for name in (
        "ERLEN_DEBUG",
        "ERLEN_RUN_FROM_CLI",
        "ERLEN_APP",
        "FLASK_DEBUG",
        "FLASK_RUN_FROM_CLI",
        "FLASK_APP",
    ):
        # setenv first, so that undoing it removes what the test set.
        monkeypatch.setenv(name, "")
        monkeypatch.delenv(name)
