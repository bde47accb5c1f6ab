"""``erlen run --asgi`` serves ``app.asgi`` through a real uvicorn, reloader included.

erlen-cli declares neither uvicorn nor erlen-asgi as a requirement; these
need both installed, which only the full environment has. What is checked
without them is in tests/erlen_cli/test_run_asgi.py.
"""

from __future__ import annotations

import http.client
import json
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
from websockets.sync.client import connect

SOURCE = """\
import asyncio

from erlen import Erlen, request, websocket

app = Erlen(__name__)


@app.get("/")
async def index():
    await asyncio.sleep(0)
    return {"version": 1, "scope": request.environ["asgi.scope"]["type"]}


@app.websocket("/echo")
async def echo():
    await websocket.send("echo: " + await websocket.receive())
"""

# Variables the command reads; a developer's shell must not leak them in.
_OWN_PREFIXES = ("ERLEN_", "FLASK_", "WERKZEUG_")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "served.py").write_text(SOURCE)
    return tmp_path


@pytest.fixture
def port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Server:
    """``erlen`` with ``args`` in a session of its own, stopped by its process group."""

    def __init__(self, cwd: Path, *args: str, env: t.Mapping[str, str] = {}) -> None:
        executable = shutil.which("erlen", path=os.path.dirname(sys.executable))
        assert executable is not None, "erlen-cli is not installed here"
        environ = {k: v for k, v in os.environ.items() if not k.startswith(_OWN_PREFIXES)}
        # No bytecode cache: a fast edit could leave the source with the time
        # and size a cached .pyc was made from, and the old code would return.
        environ.update(PYTHONUNBUFFERED="1", PYTHONDONTWRITEBYTECODE="1", **env)
        self.process = subprocess.Popen(
            [executable, *args],
            cwd=cwd,
            env=environ,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        self.output = ("", "")

    def wait_for(self, condition: t.Callable[[], bool], what: str) -> None:
        deadline = time.monotonic() + 30
        while not condition():
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise AssertionError(f"gave up waiting for {what}:\n{self.output[1]}")
            time.sleep(0.05)

    def stop(self) -> int:
        """Stop uvicorn and, with the reloader, its server process, by their group."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGINT)
        try:
            self.output = self.process.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.output = self.process.communicate()
        return self.process.returncode


def get(url: str) -> tuple[int | None, str]:
    """Status and body; no status while no server answers (starting, reloading)."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as e:
        with e:
            return e.code, e.read().decode()
    except (OSError, http.client.HTTPException):
        return None, ""


def test_serves_async_views_and_websockets_through_asgi(project: Path, port: int) -> None:
    server = Server(
        project, "run", "--asgi", "--port", str(port), env={"ERLEN_APP": "served"}
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        server.wait_for(lambda: get(url)[0] is not None, "the server")
        status, body = get(url)
        assert status == 200
        # The view ran under erlen-asgi's driver, which keeps the scope.
        assert json.loads(body) == {"version": 1, "scope": "http"}
        with connect(f"ws://127.0.0.1:{port}/echo", open_timeout=5) as ws:
            ws.send("hello")
            assert ws.recv(timeout=5) == "echo: hello"
    finally:
        returncode = server.stop()
    out, err = server.output
    assert returncode == 0, err
    assert " * Serving Erlen app 'served'" in out
    assert f"Uvicorn running on http://127.0.0.1:{port}" in err


def edit(path: Path, source: str, server: Server, condition: t.Callable[[], bool]) -> None:
    """Write ``source``, then move its time on each second until ``condition`` holds.

    uvicorn's reloader records the files' times when it (re)starts watching,
    a moment after it starts a server; a change made before that becomes its
    starting point and is never seen. A later time is a new change.
    """
    path.write_text(source)
    for step in range(1, 30):
        deadline = time.monotonic() + 1
        while time.monotonic() < deadline:
            if condition():
                return
            assert server.process.poll() is None, "the server stopped"
            time.sleep(0.05)
        later = time.time() + 5 * step
        os.utime(path, (later, later))
    raise AssertionError("gave up waiting for a reload")


def version(url: str) -> int | None:
    """The version the app answers with; ``None`` while it answers no 200."""
    status, body = get(url)
    return json.loads(body)["version"] if status == 200 else None


def test_the_reloader_finds_the_app_again_after_each_edit(project: Path, port: int) -> None:
    source = project / "served.py"
    # --debug turns the reloader on; --app must reach uvicorn's new processes.
    server = Server(
        project, "--app", "served", "run", "--asgi", "--debug", "--port", str(port)
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        server.wait_for(lambda: version(url) == 1, "the server")
        broken = SOURCE + "raise LookupError('edited into a bug')\n"
        edit(source, broken, server, lambda: get(url)[0] == 500)
        fixed = SOURCE.replace('"version": 1', '"version": 2')
        edit(source, fixed, server, lambda: version(url) == 2)
    finally:
        server.stop()
    err = server.output[1]
    assert "Started reloader process" in err
    # The broken edit was served as an error, with its traceback, not fatal.
    assert "LookupError: edited into a bug" in err
