"""Requests per second through a real server: gunicorn and wrk, Erlen against Flask.

Usage: ``hatch run bench:e2e [--rounds N] [--seconds S] [--only hello,page]``
(wrk must be installed: ``apt-get install -y wrk``).

``run.py`` calls each app as a WSGI callable, which shows the framework's
own cost; a client sees that plus the server's. Here each scenario's app
(:mod:`apps`, the same code for both frameworks) is served by gunicorn with
one sync worker, as a small deployment runs it, and wrk sends the
scenario's requests in turn (every path, with its cookie) over a few
connections. The frameworks take turns, round by round, so that a busy
stretch of a shared machine falls on both; the ratio reported is the median
of the rounds' own ratios of requests per second (above 1, Erlen serves
more). Each server's answers are checked before it is timed.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import typing as t
import urllib.request
from pathlib import Path

FOLDER = Path(__file__).resolve().parent
sys.path.insert(0, str(FOLDER))

import run  # noqa: E402

#: The scenarios of issue 19's end-to-end target: a plain answer, a real page.
SCENARIOS = ("hello", "page")
TARGET = 1.5


def serve(framework: str, name: str) -> t.Any:
    """The WSGI app gunicorn loads: ``e2e:serve("erlen", "hello")``."""
    import apps

    return apps.SCENARIOS[name](__import__(framework)).app


def requests_of(framework: str, name: str) -> list[tuple[str, str]]:
    """The scenario's requests as (path with query, Cookie header) pairs.

    Built by the framework's own app, so a session cookie is one it signed.
    """
    import apps

    scenario = apps.SCENARIOS[name](__import__(framework))
    sent = []
    for environ in scenario.environs():
        if environ["REQUEST_METHOD"] != "GET":
            raise SystemExit(f"{name}: only GET scenarios are served here")
        query = environ.get("QUERY_STRING", "")
        target = environ["PATH_INFO"] + (f"?{query}" if query else "")
        sent.append((target, environ.get("HTTP_COOKIE", "")))
    return sent


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
    """gunicorn, one sync worker, serving one framework's app of a scenario."""

    def __init__(self, framework: str, name: str) -> None:
        self.port = free_port()
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "--workers=1",
                "--worker-class=sync",
                "--log-level=warning",
                f"--bind=127.0.0.1:{self.port}",
                f"--chdir={FOLDER}",
                f"e2e:serve({framework!r}, {name!r})",
            ],
        )
        deadline = time.monotonic() + 30
        while True:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    raise SystemExit(f"gunicorn did not start for {framework} {name}")
                time.sleep(0.1)

    def get(self, path: str, cookie: str) -> tuple[int, bytes]:
        request = urllib.request.Request(f"http://127.0.0.1:{self.port}{path}")
        if cookie:
            request.add_header("Cookie", cookie)
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.status, answer.read()

    def stop(self) -> None:
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


def measure(
    name: str, rounds: int, seconds: int, connections: int, folder: Path
) -> tuple[float, float, float, list[float]]:
    """Median requests per second of Erlen and of Flask, the median ratio, and
    every round's ratio."""
    scripts = {}
    for framework in ("erlen", "flask"):
        requests = requests_of(framework, name)
        scripts[framework] = folder / f"{framework}-{name}.lua"
        scripts[framework].write_text(lua_script(requests), encoding="utf-8")
        server = Server(framework, name)
        try:
            for path, cookie in requests[:2]:
                status, _body = server.get(path, cookie)
                if status != 200:
                    raise SystemExit(f"{framework} {name} {path}: status {status}")
            # Warm up the worker before anything is timed.
            wrk(server.port, scripts[framework], 1, connections)
        finally:
            server.stop()
    rates: dict[str, list[float]] = {"erlen": [], "flask": []}
    for number in range(rounds):
        order = ("erlen", "flask") if number % 2 == 0 else ("flask", "erlen")
        for framework in order:
            server = Server(framework, name)
            try:
                wrk(server.port, scripts[framework], 1, connections)
                rates[framework].append(
                    wrk(server.port, scripts[framework], seconds, connections)
                )
            finally:
                server.stop()
    ratios = [e / f for e, f in zip(rates["erlen"], rates["flask"], strict=True)]
    return (*run.medians(rates["erlen"], rates["flask"]), ratios)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="turns per framework")
    parser.add_argument("--seconds", type=int, default=5, help="seconds per turn")
    parser.add_argument("--connections", type=int, default=4, help="wrk connections")
    parser.add_argument("--only", help="comma-separated scenarios (hello, page)")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed; on Debian or Ubuntu: apt-get install wrk")
    names = args.only.split(",") if args.only else list(SCENARIOS)
    print("| scenario | Erlen | Flask | Erlen/Flask | rounds | target |")
    print("|---|---:|---:|---:|---|---:|")
    with tempfile.TemporaryDirectory(prefix="erlen-e2e-") as tmp:
        for name in names:
            ours, theirs, ratio, ratios = measure(
                name, args.rounds, args.seconds, args.connections, Path(tmp)
            )
            spread = ", ".join(f"{value:.2f}" for value in sorted(ratios))
            mark = "✓" if ratio >= TARGET else "✗"
            print(
                f"| {name} | {ours:,.0f}/s | {theirs:,.0f}/s | {ratio:.2f}"
                f" | {spread} | ≥ {TARGET:.1f} {mark} |",
                flush=True,
            )


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
