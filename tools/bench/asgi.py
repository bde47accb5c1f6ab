"""Erlen's ASGI interface against Quart and Starlette, in process and under uvicorn.

Usage: ``hatch run bench:asgi [--rounds N] [--only hello,json] [--no-e2e | --e2e-only]``
(the end-to-end part needs wrk: ``apt-get install wrk``).

In process, each framework's ASGI callable (:mod:`asgi_apps`; ``app.asgi``
for Erlen) is awaited straight from one event loop through a minimal
harness: a scope, a ``receive`` that gives the (empty) body and then waits
as a connected client does, and a ``send`` that keeps what it is sent.
There is no server and no test client, so the time is the framework's
alone, and every framework pays the same for the harness. The lifespan is
started first, as a server starts it. Each answer is checked before
anything is timed.

End to end, each app is served by uvicorn (one worker, its own defaults
for the HTTP parser and the loop) and loaded by wrk, the frameworks taking
turns round by round, as ``e2e.py`` does for gunicorn.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.metadata
import importlib.util
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
import typing as t
from datetime import date
from pathlib import Path

FOLDER = Path(__file__).resolve().parent
sys.path.insert(0, str(FOLDER))

import run  # noqa: E402
import serving  # noqa: E402
from asgi_apps import ASGIApp  # noqa: E402
from asgi_apps import FRAMEWORKS  # noqa: E402
from asgi_apps import Message  # noqa: E402
from asgi_apps import Scenario  # noqa: E402
from asgi_apps import SCENARIOS  # noqa: E402
from asgi_apps import Scope  # noqa: E402

#: Issue 18's targets: Erlen's time per request at most this part of Quart's
#: in process, and its requests per second at least this multiple of Quart's
#: under uvicorn.
TIME_TARGET = 0.6
RATE_TARGET = 1.5


# -- the harness ------------------------------------------------------------------


class Exchange:
    """One request's ``receive`` and ``send``, as a server holding the whole
    body gives them: the body in one message, then nothing, as from a
    client that stays connected, until the app stops listening."""

    __slots__ = ("_pending", "sent")

    def __init__(self, body: bytes = b"") -> None:
        self._pending: Message | None = {
            "type": "http.request",
            "body": body,
            "more_body": False,
        }
        self.sent: list[Message] = []

    async def receive(self) -> Message:
        message = self._pending
        if message is None:
            # A future nobody resolves: the app cancels its wait when done.
            return await asyncio.get_running_loop().create_future()  # type: ignore[no-any-return]
        self._pending = None
        return message

    async def send(self, message: Message) -> None:
        self.sent.append(message)

    def answer(self) -> tuple[int, dict[str, str], bytes]:
        """Status, headers (names lower-cased) and body the app sent."""
        start, *bodies = self.sent
        if start["type"] != "http.response.start":
            raise AssertionError(f"the first message was {start['type']!r}")
        headers = {
            name.decode("latin-1").lower(): value.decode("latin-1")
            for name, value in start["headers"]
        }
        if bodies[-1].get("more_body", False):
            raise AssertionError("the body never ended")
        return start["status"], headers, b"".join(m.get("body", b"") for m in bodies)


def http_scope(path: str) -> Scope:
    """The scope a server gives a plain GET request for ``path``."""
    return {
        "type": "http",
        "asgi": {"version": "3.0", "spec_version": "2.3"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [
            (b"host", b"127.0.0.1:8000"),
            (b"user-agent", b"bench"),
            (b"accept", b"*/*"),
        ],
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 8000),
    }


class Lifespan:
    """An app's lifespan, started and stopped as a server does around its requests."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.inbox: asyncio.Queue[Message] = asyncio.Queue()
        self.outbox: asyncio.Queue[Message] = asyncio.Queue()
        self.task: asyncio.Future[None] | None = None

    async def _phase(self, name: str) -> None:
        await self.inbox.put({"type": f"lifespan.{name}"})
        reply = await self.outbox.get()
        if reply["type"] != f"lifespan.{name}.complete":
            raise SystemExit(f"the lifespan {name} failed: {reply}")

    async def start(self) -> None:
        scope = {"type": "lifespan", "asgi": {"version": "3.0", "spec_version": "2.0"}}
        self.task = asyncio.ensure_future(self.app(scope, self.inbox.get, self.outbox.put))
        await self._phase("startup")

    async def stop(self) -> None:
        await self._phase("shutdown")
        assert self.task is not None
        await self.task


class Side:
    """One framework's app on the benchmark's event loop."""

    def __init__(self, loop: asyncio.AbstractEventLoop, name: str) -> None:
        self.loop = loop
        self.name = name
        self.app = FRAMEWORKS[name]()
        self.lifespan = Lifespan(self.app)
        loop.run_until_complete(self.lifespan.start())

    def close(self) -> None:
        self.loop.run_until_complete(self.lifespan.stop())

    def check(self, scenario_name: str, scenario: Scenario) -> None:
        """Send the scenario's request twice (the first may take a one-time
        path) and raise :exc:`SystemExit` unless both answers are right."""
        for _ in range(2):
            exchange = Exchange()
            self.loop.run_until_complete(
                self.app(http_scope(scenario.path), exchange.receive, exchange.send)
            )
            try:
                scenario.check(*exchange.answer())
            except (AssertionError, ValueError) as error:
                raise SystemExit(
                    f"{scenario_name}: {self.name} gave a wrong answer, so its time"
                    f" would mean nothing: {error}"
                ) from None

    def timer(self, scenario: Scenario) -> t.Callable[[int], float]:
        """A loop of ``loops`` requests, returning the CPU seconds it took.

        CPU time of the whole process, so a sync view's thread counts too.
        """
        template = http_scope(scenario.path)
        app = self.app

        async def requests(loops: int) -> None:
            for _ in range(loops):
                exchange = Exchange()
                # A server builds a new scope for each request; apps write into it.
                await app(template.copy(), exchange.receive, exchange.send)

        def timed(loops: int) -> float:
            begin = time.process_time()
            self.loop.run_until_complete(requests(loops))
            return time.process_time() - begin

        return timed


#: One scenario's in-process result per framework: every round's seconds per request.
Times = dict[str, list[float]]


def in_process(
    sides: dict[str, Side], name: str, rounds: int, round_seconds: float
) -> Times:
    """Every round's CPU seconds per request of each framework in scenario ``name``."""
    scenario = SCENARIOS[name]
    timers = {}
    for framework, side in sides.items():
        side.check(name, scenario)
        timers[framework] = side.timer(scenario)
    loops = min(run.loops_for(timer, round_seconds) for timer in timers.values())
    turns = {framework: run.per_call(timer, loops) for framework, timer in timers.items()}
    return run.take_turns(turns, rounds)


# -- end to end --------------------------------------------------------------------


def uvicorn(framework: str) -> serving.Server:
    """uvicorn, one worker and no access log, serving ``framework``'s app."""
    return serving.Server(
        lambda port: [
            sys.executable,
            "-m",
            "uvicorn",
            "--factory",
            f"asgi_apps:{framework}",
            f"--app-dir={FOLDER}",
            "--host=127.0.0.1",
            f"--port={port}",
            "--log-level=warning",
            "--no-access-log",
        ],
        f"uvicorn {framework}",
    )


def end_to_end(
    name: str, rounds: int, seconds: int, connections: int, folder: Path
) -> Times:
    """Every round's requests per second of each framework in scenario ``name``."""
    scenario = SCENARIOS[name]
    script = folder / f"{name}.lua"
    script.write_text(serving.lua_script([(scenario.path, "")]), encoding="utf-8")

    def check(framework: str, server: serving.Server) -> None:
        try:
            scenario.check(*server.get(scenario.path))
        except (AssertionError, ValueError) as error:
            raise SystemExit(f"{name}: {framework} under uvicorn: {error}") from None

    return serving.rates(
        {framework: _starter(framework) for framework in FRAMEWORKS},
        dict.fromkeys(FRAMEWORKS, script),
        check,
        rounds,
        seconds,
        connections,
    )


def _starter(framework: str) -> t.Callable[[], serving.Server]:
    return lambda: uvicorn(framework)


# -- report -----------------------------------------------------------------------


def spread(values: list[float], scale: float = 1.0, digits: int = 2) -> str:
    """The lowest and highest of a run's rounds, as ``low–high``."""
    return f"{min(values) * scale:.{digits}f}–{max(values) * scale:.{digits}f}"


def row(
    name: str, results: Times, cell: t.Callable[[list[float]], str], met: t.Callable[[float], bool]
) -> str:
    """One scenario's row: each framework's median (``cell``), then Erlen's
    ratios to Quart and to Starlette with their spread, then whether the
    ratio to Quart ``met`` its target."""
    cells = [name, *(cell(results[framework]) for framework in FRAMEWORKS)]
    ratios = {}
    for other in ("quart", "starlette"):
        ratios[other] = run.medians(results["erlen"], results[other])[2]
        each = [e / o for e, o in zip(results["erlen"], results[other], strict=True)]
        cells.append(f"{ratios[other]:.2f} ({spread(each)})")
    cells.append("✓" if met(ratios["quart"]) else "✗")
    return "| " + " | ".join(cells) + " |"


def time_cell(values: list[float]) -> str:
    return f"{statistics.median(values) * 1e6:.1f} µs ({spread(values, 1e6, 1)})"


def rate_cell(values: list[float]) -> str:
    return f"{statistics.median(values):,.0f}/s ({spread(values, 1, 0)})"


def table(target: str) -> str:
    return (
        "| scenario | Erlen | Quart | Starlette | Erlen/Quart | Erlen/Starlette"
        f" | {target} |\n|---|---:|---:|---:|---:|---:|:-:|"
    )


def versions() -> str:
    """The versions measured, and what uvicorn's defaults pick."""
    names = ("erlen-asgi", "quart", "starlette", "uvicorn")
    found = ", ".join(f"{n} {importlib.metadata.version(n)}" for n in names)
    parser = "httptools" if importlib.util.find_spec("httptools") else "h11"
    loop = "uvloop" if importlib.util.find_spec("uvloop") else "asyncio"
    return f"{found} (uvicorn's HTTP: {parser}, loop: {loop})"


def header() -> str:
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    return (
        f"{date.today().isoformat()}, {run.cpu_model()}: nproc {os.cpu_count()},"
        f" load average {load}, Python {platform.python_version()}; {versions()}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=21, help="in-process rounds")
    parser.add_argument(
        "--round-seconds", type=float, default=0.1, help="length of one in-process turn"
    )
    parser.add_argument("--only", help="comma-separated scenarios (hello, json, await)")
    parser.add_argument("--no-e2e", action="store_true", help="only in process")
    parser.add_argument("--e2e-only", action="store_true", help="only under uvicorn")
    parser.add_argument("--e2e-rounds", type=int, default=3, help="turns per framework")
    parser.add_argument("--seconds", type=int, default=3, help="seconds per e2e turn")
    parser.add_argument("--connections", type=int, default=4, help="wrk connections")
    args = parser.parse_args()
    names = args.only.split(",") if args.only else list(SCENARIOS)
    unknown = set(names) - set(SCENARIOS)
    if unknown:
        parser.error(f"unknown scenarios {sorted(unknown)}; choose from {list(SCENARIOS)}")
    if not args.no_e2e and shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed; on Debian or Ubuntu: apt-get install wrk")

    print(header(), flush=True)
    if not args.e2e_only:
        loop = asyncio.new_event_loop()
        sides = {framework: Side(loop, framework) for framework in FRAMEWORKS}
        print(f"\nIn process, CPU time per request:\n\n{table(f'≤ {TIME_TARGET}')}")
        for name in names:
            times = in_process(sides, name, args.rounds, args.round_seconds)
            print(row(name, times, time_cell, lambda r: r <= TIME_TARGET), flush=True)
        for side in sides.values():
            side.close()
        loop.close()
    if not args.no_e2e:
        print(f"\nUnder uvicorn, requests per second:\n\n{table(f'≥ {RATE_TARGET}')}")
        with tempfile.TemporaryDirectory(prefix="erlen-asgi-") as tmp:
            for name in names:
                rates = end_to_end(
                    name, args.e2e_rounds, args.seconds, args.connections, Path(tmp)
                )
                print(row(name, rates, rate_cell, lambda r: r >= RATE_TARGET), flush=True)


if __name__ == "__main__":
    main()
