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
import os
import shutil
import sys
import tempfile
import typing as t
from pathlib import Path

FOLDER = Path(__file__).resolve().parent
sys.path.insert(0, str(FOLDER))

import run  # noqa: E402
import serving  # noqa: E402

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


def gunicorn(framework: str, name: str) -> serving.Server:
    """gunicorn, one sync worker, serving one framework's app of a scenario."""
    return serving.Server(
        lambda port: [
            sys.executable,
            "-m",
            "gunicorn",
            "--workers=1",
            "--worker-class=sync",
            "--log-level=warning",
            f"--bind=127.0.0.1:{port}",
            f"--chdir={FOLDER}",
            f"e2e:serve({framework!r}, {name!r})",
        ],
        f"gunicorn {framework} {name}",
    )


def measure(
    name: str, rounds: int, seconds: int, connections: int, folder: Path
) -> tuple[float, float, float, list[float]]:
    """Median requests per second of Erlen and of Flask, the median ratio, and
    every round's ratio."""
    requests = {}
    scripts = {}
    for framework in ("erlen", "flask"):
        requests[framework] = requests_of(framework, name)
        scripts[framework] = folder / f"{framework}-{name}.lua"
        scripts[framework].write_text(
            serving.lua_script(requests[framework]), encoding="utf-8"
        )

    def check(framework: str, server: serving.Server) -> None:
        for path, cookie in requests[framework][:2]:
            status, _headers, _body = server.get(path, cookie)
            if status != 200:
                raise SystemExit(f"{framework} {name} {path}: status {status}")

    rates = serving.rates(
        {
            "erlen": lambda: gunicorn("erlen", name),
            "flask": lambda: gunicorn("flask", name),
        },
        scripts,
        check,
        rounds,
        seconds,
        connections,
    )
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
