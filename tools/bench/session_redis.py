"""Sessions in Redis: erlen-sessions-redis against Flask 3.1.3 with Flask-Session.

Usage: ``hatch run bench:session_redis [--rounds N] [--requests N]``.

Both apps run the same view code against one redis-server that this script
starts on a free loopback port and stops by its process id. Each side has a
logged-in visitor whose permanent session holds a counter (Flask-Session's
sessions are permanent by default; Erlen's is made permanent to match, so
both renew the session on every request):

- *read-mostly*: nine requests that read the counter, then one that
  increments it, over and over;
- *read-write*: every request increments it.

Requests are WSGI calls with a prebuilt environ, as in ``run.py``. A request
to Redis is a round trip through the kernel, which CPU time does not see, so
the ratio of record is wall time; CPU time is reported beside it. The two
frameworks take turns over the rounds, and the ratio is the median of the
rounds' ratios. Commands per request come from ``INFO commandstats`` over a
separate counted run of each side.
"""

from __future__ import annotations

import argparse
import gc
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import typing as t
from pathlib import Path
from types import ModuleType

import flask
import redis
from flask_session.redis import RedisSessionInterface as FlaskSessionRedis
from werkzeug.test import EnvironBuilder

import erlen

SECRET_KEY = "bench secret key, not secret"
#: The issue's target, for both variants: Erlen's time over Flask-Session's.
TARGET = 0.5
#: Requests per cycle that only read, before the one that writes.
READS_PER_WRITE = {"read-mostly": 9, "read-write": 0}


def start_redis(folder: Path) -> tuple[subprocess.Popen[bytes], int]:
    """A redis-server without persistence, answering on a free port."""
    executable = shutil.which("redis-server")
    if executable is None:
        raise SystemExit(
            "redis-server is not installed: apt-get install -y redis-server"
        )
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    process = subprocess.Popen(
        [executable, "--port", str(port), "--bind", "127.0.0.1", "--dir",
         str(folder), "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    client = redis.Redis(port=port)
    deadline = time.monotonic() + 10
    while True:
        try:
            client.ping()
            return process, port
        except redis.ConnectionError:
            if time.monotonic() > deadline:
                process.kill()
                raise SystemExit("redis-server did not start") from None
            time.sleep(0.02)


def build(fw: ModuleType, port: int) -> t.Any:
    """The same counter app on either framework, with sessions in Redis."""
    if fw is flask:
        app = flask.Flask("bench")
        app.secret_key = SECRET_KEY
        app.session_interface = FlaskSessionRedis(
            app, client=redis.Redis(port=port), key_prefix="flask:"
        )
    else:
        app = erlen.Erlen("bench", plugins={"sessions": "redis"})
        app.config.update(
            SECRET_KEY=SECRET_KEY,
            SESSION_REDIS_URL=f"redis://127.0.0.1:{port}/0",
            SESSION_KEY_PREFIX="erlen:",
        )
    session = fw.session

    @app.route("/login")
    def login() -> str:
        session.permanent = True
        session["count"] = 0
        return "in"

    @app.route("/read")
    def read() -> str:
        return str(session["count"])

    @app.route("/write")
    def write() -> str:
        session["count"] += 1
        return str(session["count"])

    return app


def call(app: t.Any, environ: dict[str, t.Any]) -> tuple[str, list[tuple[str, str]], bytes]:
    started: list[t.Any] = []

    def start_response(status: str, headers: t.Any, exc_info: t.Any = None) -> None:
        started[:] = [status, headers]

    result = app(dict(environ), start_response)
    try:
        body = b"".join(result)
    finally:
        close = getattr(result, "close", None)
        if close is not None:
            close()
    return started[0], started[1], body


def logged_in(app: t.Any) -> dict[str, dict[str, t.Any]]:
    """Environs for /read and /write carrying the session cookie of a login."""
    status, headers, _ = call(app, environ("/login"))
    assert status == "200 OK", status
    cookie = next(
        value.split(";")[0] for key, value in headers if key.lower() == "set-cookie"
    )
    return {
        path: environ(path, headers={"Cookie": cookie}) for path in ("/read", "/write")
    }


def environ(path: str, **kwargs: t.Any) -> dict[str, t.Any]:
    builder = EnvironBuilder(path, **kwargs)
    try:
        return builder.get_environ()
    finally:
        builder.close()


def cycle(environs: dict[str, dict[str, t.Any]], reads: int) -> list[dict[str, t.Any]]:
    """One cycle of requests: ``reads`` reads, then a write."""
    return [environs["/read"]] * reads + [environs["/write"]]


def runner(app: t.Any, requests: list[dict[str, t.Any]]) -> t.Callable[[int], tuple[float, float]]:
    """A loop over the requests; wall and CPU seconds for ``loops`` requests."""

    def start_response(status: str, headers: t.Any, exc_info: t.Any = None) -> None:
        return None

    count = len(requests)

    def run(loops: int) -> tuple[float, float]:
        wall, cpu = time.perf_counter(), time.process_time()
        for number in range(loops):
            result = app(requests[number % count].copy(), start_response)
            for _chunk in result:
                pass
            close = getattr(result, "close", None)
            if close is not None:
                close()
        return time.perf_counter() - wall, time.process_time() - cpu

    return run


def check(app: t.Any, environs: dict[str, dict[str, t.Any]]) -> None:
    """Reads answer the counter, and the next request sees each write."""
    for expected in (b"1", b"2"):
        assert call(app, environs["/write"])[2] == expected
        status, _, body = call(app, environs["/read"])
        assert (status, body) == ("200 OK", expected), (status, body[:200])


def commands_per_request(
    client: redis.Redis, run: t.Callable[[int], tuple[float, float]], loops: int
) -> dict[str, float]:
    client.config_resetstat()
    run(loops)
    stats = client.info("commandstats")
    return {
        name.removeprefix("cmdstat_"): int(value["calls"]) / loops
        for name, value in stats.items()
        if name not in ("cmdstat_config|resetstat", "cmdstat_info")
    }


def measure(
    port: int, reads: int, rounds: int, loops: int
) -> dict[str, t.Any]:
    runs = {}
    for fw in (erlen, flask):
        app = build(fw, port)
        environs = logged_in(app)
        try:
            check(app, environs)
        except AssertionError as error:
            raise SystemExit(f"{fw.__name__} gave a wrong answer: {error}") from None
        runs[fw.__name__] = runner(app, cycle(environs, reads))
    client = redis.Redis(port=port)
    counts = {name: commands_per_request(client, run, loops) for name, run in runs.items()}
    times: dict[str, list[tuple[float, float]]] = {"erlen": [], "flask": []}
    for number in range(rounds):
        order = ("erlen", "flask") if number % 2 == 0 else ("flask", "erlen")
        for name in order:
            gc.collect()
            gc.disable()
            try:
                wall, cpu = runs[name](loops)
            finally:
                gc.enable()
            times[name].append((wall / loops, cpu / loops))
    pairs = list(zip(times["erlen"], times["flask"], strict=True))
    return {
        "erlen": [statistics.median(side[i] for side in times["erlen"]) for i in (0, 1)],
        "flask": [statistics.median(side[i] for side in times["flask"]) for i in (0, 1)],
        "wall ratio": statistics.median(e[0] / f[0] for e, f in pairs),
        "cpu ratio": statistics.median(e[1] / f[1] for e, f in pairs),
        "commands": counts,
    }


def describe(counts: dict[str, float]) -> str:
    total = sum(counts.values())
    parts = ", ".join(f"{name} {calls:g}" for name, calls in sorted(counts.items()))
    return f"{total:g} ({parts})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=21)
    parser.add_argument("--requests", type=int, default=2000, help="per round and side")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="erlen-bench-redis-") as folder:
        process, port = start_redis(Path(folder))
        try:
            results = {
                variant: measure(port, reads, args.rounds, args.requests)
                for variant, reads in READS_PER_WRITE.items()
            }
        finally:
            os.kill(process.pid, signal.SIGTERM)
            process.wait(timeout=10)
    print(
        "| variant | Erlen | Flask-Session | Erlen/Flask-Session (wall) | target"
        " | CPU ratio | Redis commands per request, Erlen | Flask-Session |"
    )
    print("|---|---:|---:|---:|---:|---:|---|---|")
    for variant, result in results.items():
        ok = "✓" if result["wall ratio"] <= TARGET else "✗"
        print(
            f"| {variant} | {result['erlen'][0] * 1e6:.1f} µs"
            f" | {result['flask'][0] * 1e6:.1f} µs | {result['wall ratio']:.2f}"
            f" | ≤ {TARGET:.2f} {ok} | {result['cpu ratio']:.2f}"
            f" | {describe(result['commands']['erlen'])}"
            f" | {describe(result['commands']['flask'])} |"
        )
    print(f"Python {sys.version.split()[0]}, redis-py {redis.__version__}")


if __name__ == "__main__":
    main()
