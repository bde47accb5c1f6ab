"""Flask apps and extensions on Erlen: ``import flask`` means Erlen in these tests.

They run in the ``compat`` hatch environment (``hatch run compat:test``),
which installs the Flask extensions with their dependencies, the real Flask
among them. Installing erlen-flask-compat is all the opt-in they need.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import typing as t
from collections.abc import Iterator
from pathlib import Path

import pytest

#: apps/ holds whole Flask projects, with tests of their own that
#: test_flaskr.py runs the way their authors would.
collect_ignore = ["apps"]

_EXTENSIONS = (
    "flask_login",
    "flask_wtf",
    "flask_sqlalchemy",
    "flask_cors",
    "flask_session",
    "flask_limiter",
    "flask_babel",
    "flask_jwt_extended",
    "flask_smorest",
    "flask_migrate",
    "flask_mail",
)


def pytest_configure(config: pytest.Config) -> None:
    missing = [name for name in _EXTENSIONS if importlib.util.find_spec(name) is None]
    if missing:
        raise pytest.UsageError(
            f"tests/compat needs the Flask extensions {', '.join(missing)}, which"
            " only the compat hatch environment installs. Run them with:"
            " hatch run compat:test"
        )


def free_port() -> int:
    """A loopback port nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A redis-server of this test session's own, stopped by its process id."""
    executable = shutil.which("redis-server")
    if executable is None:
        pytest.fail(
            "redis-server is not installed; Flask-Session's test needs a real"
            " one. Debian: apt-get install -y redis-server (.ci/run does).",
            pytrace=False,
        )
    folder = tmp_path_factory.mktemp("redis")
    port = free_port()
    server = subprocess.Popen(
        [executable, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
         "--dir", str(folder)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("redis-server did not start") from None
                time.sleep(0.02)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        os.kill(server.pid, signal.SIGTERM)
        server.wait(timeout=10)


@pytest.fixture
def clean_env() -> dict[str, str]:
    """This process's environment without FLASK_, ERLEN_ and PYTEST_ variables."""
    return {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("FLASK_", "ERLEN_", "PYTEST_"))
    }


@pytest.fixture
def command() -> t.Callable[[str], str]:
    """The path of a command installed in this environment's bin folder."""

    def find(name: str) -> str:
        found = shutil.which(name, path=str(Path(sys.executable).parent))
        assert found is not None, f"{name} is not installed in this environment"
        return found

    return find
