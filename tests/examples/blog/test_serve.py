"""``hatch run serve``: the blog answers, and stopping the command stops it.

hatch runs the ``serve`` script through ``sh -c`` and passes no signal on to
it. These tests run the script's own command line from hatch.toml under a
stand-in for hatch that behaves the same way, so they prove what a developer
sees without building hatch's environment inside the test run.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import textwrap
import time
import typing as t
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[3]

#: Long enough for a cold start on a loaded machine.
TIMEOUT = 30.0

pytestmark = pytest.mark.skipif(
    sys.platform == "win32", reason="hatch runs scripts through sh on POSIX only"
)

#: Stands in for hatch: runs the script with ``sh -c``, prints the server's
#: process id, and ignores SIGTERM's usual forwarding, exactly as hatch does
#: (it dies at once, and its child is left behind).
HATCH = textwrap.dedent(
    """
    import subprocess, sys
    child = subprocess.Popen(["sh", "-c", sys.argv[1]])
    print(child.pid, flush=True)
    child.wait()
    """
)


def serve_script() -> str:
    """The ``serve`` script of hatch.toml's default environment."""
    with open(ROOT / "hatch.toml", "rb") as file:
        script = tomllib.load(file)["envs"]["default"]["scripts"]["serve"]
    assert isinstance(script, str)
    return script


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def alive(pid: int) -> bool:
    """Whether ``pid`` runs; an exited child that no one has reaped yet does not."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def port_open(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


def wait_until(condition: t.Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + TIMEOUT
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"waited {TIMEOUT:.0f}s for: {what}")
        time.sleep(0.1)


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return bool(response.status == 200)
    except OSError:
        return False


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[str], int, int]]:
    """The script started by the hatch stand-in: (stand-in, server pid, port)."""
    port = free_port()
    command = serve_script().replace("{args}", f"--port {port}")
    # A database of the test's own: the developer's stays untouched.
    # The script's ``python`` is this environment's, as under hatch.
    env = {
        **os.environ,
        "ERLEN_DATABASE": f'"{tmp_path / "blog.sqlite"}"',
        "PATH": os.pathsep.join([os.path.dirname(sys.executable), os.environ["PATH"]]),
    }
    hatch = subprocess.Popen(
        [sys.executable, "-c", HATCH, command],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert hatch.stdout is not None
    server = int(hatch.stdout.readline())
    try:
        wait_until(lambda: answers(f"http://127.0.0.1:{port}/"), "the blog to answer")
        yield hatch, server, port
    finally:
        for pid in (hatch.pid, server):
            if alive(pid):
                os.kill(pid, signal.SIGKILL)
        hatch.wait()
        hatch.stdout.close()


def test_the_script_execs_the_server(
    served: tuple[subprocess.Popen[str], int, int],
) -> None:
    """No shell waits between hatch and the server: ``sh -c`` became it."""
    hatch, server, port = served
    assert Path(f"/proc/{server}/cmdline").read_bytes().split(b"\0")[0] != b"sh"


def test_terminating_hatch_stops_the_server(
    served: tuple[subprocess.Popen[str], int, int],
) -> None:
    hatch, server, port = served
    page = urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5).read()
    assert b"up and running" in page
    hatch.send_signal(signal.SIGTERM)
    hatch.wait(TIMEOUT)
    wait_until(lambda: not alive(server), "the orphaned server to exit")
    assert not port_open(port)


def test_terminating_the_server_closes_the_port(
    served: tuple[subprocess.Popen[str], int, int],
) -> None:
    hatch, server, port = served
    os.kill(server, signal.SIGTERM)
    assert hatch.wait(TIMEOUT) == 0  # sh passed on the server's clean exit
    assert not port_open(port)
