"""Apps served for real: a server process on a free port, loaded by wrk.

Shared by the end-to-end runs, ``e2e.py`` (gunicorn: Erlen against Flask)
and ``asgi.py`` (uvicorn: Erlen against Quart and Starlette), so both start,
check, load and stop their servers the same way.
"""

from __future__ import annotations

import json
import re
import socket
import subprocess
import time
import typing as t
import urllib.request
from pathlib import Path

import run

#: wrk's script: each request takes the next path, with its cookie.
LUA = """\
local requests = {requests}
local i = 0
request = function()
  i = i % #requests + 1
  local path, cookie = requests[i][1], requests[i][2]
  local headers = {{}}
  if cookie ~= "" then headers["Cookie"] = cookie end
  return wrk.format("GET", path, headers)
end
"""


def lua_script(requests: list[tuple[str, str]]) -> str:
    """wrk's script sending ``requests``, (path with query, Cookie header) pairs, in turn."""
    table = ", ".join(
        "{" + json.dumps(path) + ", " + json.dumps(cookie) + "}"
        for path, cookie in requests
    )
    return LUA.format(requests="{" + table + "}")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Server:
    """A server process listening on a free loopback port.

    :param command: the command line that serves on the port it is given.
    :param what: what it serves, for the error when it does not start.
    """

    def __init__(self, command: t.Callable[[int], list[str]], what: str) -> None:
        self.port = free_port()
        self.process = subprocess.Popen(command(self.port))
        deadline = time.monotonic() + 30
        while True:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    raise SystemExit(f"the server did not start for {what}")
                time.sleep(0.1)

    def get(self, path: str, cookie: str = "") -> tuple[int, dict[str, str], bytes]:
        """Status, headers (names lower-cased) and body of one GET request."""
        request = urllib.request.Request(f"http://127.0.0.1:{self.port}{path}")
        if cookie:
            request.add_header("Cookie", cookie)
        with urllib.request.urlopen(request, timeout=10) as answer:
            headers = {name.lower(): value for name, value in answer.getheaders()}
            return answer.status, headers, answer.read()

    def stop(self) -> None:
        """Stop this server's process, by its id, and wait for it to end."""
        self.process.terminate()
        self.process.wait(timeout=30)


def wrk(port: int, script: Path, seconds: int, connections: int) -> float:
    """Requests per second wrk measured; errors stop the run."""
    done = subprocess.run(
        [
            "wrk",
            "--threads=1",
            f"--connections={connections}",
            f"--duration={seconds}s",
            f"--script={script}",
            f"http://127.0.0.1:{port}/",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    if "Non-2xx" in done.stdout or "Socket errors" in done.stdout:
        raise SystemExit(f"wrk saw errors:\n{done.stdout}")
    found = re.search(r"Requests/sec:\s*([\d.]+)", done.stdout)
    if found is None:
        raise SystemExit(f"wrk printed no rate:\n{done.stdout}")
    return float(found.group(1))


def rates(
    servers: dict[str, t.Callable[[], Server]],
    scripts: dict[str, Path],
    check: t.Callable[[str, Server], None],
    rounds: int,
    seconds: int,
    connections: int,
) -> dict[str, list[float]]:
    """Each side's requests per second in each round.

    Every side's server is checked first (``check`` raises on a wrong
    answer: a rate of errors means nothing). Then, in each round, each side
    gets a fresh server, one second of warm-up and ``seconds`` of load, the
    sides taking turns (:func:`run.take_turns`).
    """
    for name, start in servers.items():
        server = start()
        try:
            check(name, server)
        finally:
            server.stop()

    def turn(name: str) -> t.Callable[[], float]:
        def loaded() -> float:
            server = servers[name]()
            try:
                wrk(server.port, scripts[name], 1, connections)
                return wrk(server.port, scripts[name], seconds, connections)
            finally:
                server.stop()

        return loaded

    return run.take_turns({name: turn(name) for name in servers}, rounds)
