"""An unchanged Flask app runs on Erlen wherever Flask apps run.

``apps/flaskr`` is a tutorial-style Flask blog that uses Flask-WTF. In this
environment, where its extensions were installed with their dependencies
(the real Flask among them), it passes its own tests under plain
``pytest``, answers ``flask init-db`` and ``python -m flask routes``, and
serves under gunicorn and waitress: no flag, plugin option or changed line.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import typing as t
import urllib.error
import urllib.request
from pathlib import Path

import pytest

APP = Path(__file__).parent / "apps" / "flaskr"


def run(
    args: list[str], cwd: Path, env: dict[str, str]
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        args, cwd=cwd, env=env, capture_output=True, text=True, timeout=120, check=False
    )


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the app, so its instance folder and caches stay out of the tree."""
    folder = tmp_path_factory.mktemp("flaskr") / "flaskr"
    shutil.copytree(APP, folder)
    return folder


@pytest.fixture(scope="module")
def env() -> dict[str, str]:
    return {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("FLASK_", "ERLEN_", "PYTEST_", "PYTHON"))
    }


@pytest.fixture(scope="module")
def initialised(
    project: Path, env: dict[str, str], bin_folder: Path
) -> subprocess.CompletedProcess[str]:
    """``flask --app flaskr init-db``, as the tutorial says to run it."""
    return run([str(bin_folder / "flask"), "--app", "flaskr", "init-db"], project, env)


@pytest.fixture(scope="module")
def bin_folder() -> Path:
    return Path(sys.executable).parent


def test_its_own_tests_pass_under_plain_pytest(
    project: Path, env: dict[str, str], bin_folder: Path
) -> None:
    done = run([str(bin_folder / "pytest"), "-q"], project, env)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "6 passed" in done.stdout


def test_flask_init_db_creates_the_database(
    project: Path, initialised: subprocess.CompletedProcess[str]
) -> None:
    assert initialised.returncode == 0, initialised.stderr
    assert initialised.stdout == "Initialized the database.\n"
    assert (project / "instance" / "flaskr.sqlite").is_file()


def test_python_m_flask_routes_lists_the_apps_routes(
    project: Path, env: dict[str, str], bin_folder: Path
) -> None:
    done = run(
        [str(bin_folder / "python"), "-m", "flask", "--app", "flaskr", "routes"],
        project,
        env,
    )
    assert done.returncode == 0, done.stderr
    endpoints = {line.split()[0] for line in done.stdout.splitlines()[2:]}
    assert endpoints == {"blog.create", "blog.index", "index", "static"}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _serve_and_get(
    args: t.Callable[[int], list[str]], project: Path, env: dict[str, str]
) -> str:
    """Start a server on a free loopback port, GET ``/`` once, stop it by PID.

    The page is returned once the server's log shows that Erlen's ``Flask``
    was imported to serve it, not the real Flask installed beside it.
    """
    port = _free_port()
    log = project / f"{args(port)[0].rsplit(os.sep, 1)[-1]}.log"
    # Python logs each module it imports, to show which framework served.
    env = {**env, "PYTHONPROFILEIMPORTTIME": "1"}
    with open(log, "wb") as output:
        server = subprocess.Popen(
            args(port), cwd=project, env=env, stdout=output, stderr=output
        )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                url = f"http://127.0.0.1:{port}/"
                with urllib.request.urlopen(url, timeout=5) as response:
                    page: str = response.read().decode()
                assert " erlen_flask_compat.app\n" in log.read_text(), "not Erlen"
                return page
            except (urllib.error.URLError, ConnectionError):
                if server.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(
                        f"{args(port)[0]} did not serve: {log.read_text()}"
                    ) from None
                time.sleep(0.1)
    finally:
        if server.poll() is None:
            os.kill(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


@pytest.mark.parametrize("server", ["gunicorn", "waitress"])
def test_a_wsgi_server_serves_it(
    server: str,
    project: Path,
    env: dict[str, str],
    bin_folder: Path,
    initialised: subprocess.CompletedProcess[str],
) -> None:
    assert initialised.returncode == 0, initialised.stderr
    commands = {
        "gunicorn": lambda port: [
            str(bin_folder / "gunicorn"),
            "--workers", "1",
            "--bind", f"127.0.0.1:{port}",
            "flaskr:create_app()",
        ],
        "waitress": lambda port: [
            str(bin_folder / "waitress-serve"),
            "--listen", f"127.0.0.1:{port}",
            "--call", "flaskr:create_app",
        ],
    }
    page = _serve_and_get(commands[server], project, env)
    assert "<title>Posts - Flaskr</title>" in page
    assert "No posts yet." in page
