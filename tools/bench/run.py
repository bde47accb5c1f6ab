"""Run the same apps on Erlen and on Flask and report the ratio of their times.

Usage: ``hatch run bench:run [--rounds N] [--only hello,json] [--no-cold | --cold-only]``.

Request scenarios run in this process: both apps are built from the same
code (:mod:`apps`), each answer is checked before anything is timed, and the
two frameworks take turns over several rounds so that drift in the machine's
speed hits both alike. Each app is called as a WSGI callable with a prebuilt
environ: no test client, no server, nothing but the framework in the timing.

Cold start and peak memory run in fresh interpreters: one with only
erlen-core installed, one with the full stack (and Flask). Both are built
from the working tree into a temporary folder on each run.
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import typing as t
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import apps  # noqa: E402
import flask  # noqa: E402

import erlen  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]

if issubclass(flask.Flask, erlen.Erlen):
    # erlen-flask-compat makes `import flask` mean Erlen once it is imported.
    raise SystemExit(
        "'import flask' gave Erlen, not Flask, so the benchmark would compare"
        " Erlen with itself. Run it in the bench environment (hatch run"
        " bench:run), where the real Flask is installed and nothing imports"
        " erlen_flask_compat."
    )

#: The targets of issue 19: Erlen's time (or memory) as a fraction of Flask's.
#: Every request scenario not named here has :data:`REQUEST_TARGET`.
TARGETS = {
    "form": 0.35,
    "template_file": 0.35,
    "cold start, core only": 0.60,
    "cold start, full stack": 0.95,
    "peak RSS, core only": 0.80,
}
REQUEST_TARGET = 0.30


def call(scenario: apps.Scenario) -> apps.Answer:
    """Send the scenario's request to its app as a WSGI server would."""
    started: list[t.Any] = []

    def start_response(
        status: str, headers: list[tuple[str, str]], exc_info: t.Any = None
    ) -> t.Any:
        started[:] = [status, headers]
        return None

    result = scenario.app(scenario.make_environ(), start_response)
    try:
        body = b"".join(result)
    finally:
        close = getattr(result, "close", None)
        if close is not None:
            close()
    return apps.Answer(started[0], started[1], body)


def timer(scenario: apps.Scenario) -> t.Callable[[int], float]:
    """A loop over the request, as tight as the WSGI protocol allows."""
    app = scenario.app
    make_environ = scenario.make_environ

    def start_response(status: str, headers: t.Any, exc_info: t.Any = None) -> None:
        return None

    def run(loops: int) -> float:
        begin = time.process_time()
        for _ in range(loops):
            result = app(make_environ(), start_response)
            for _chunk in result:
                pass
            close = getattr(result, "close", None)
            if close is not None:
                close()
        return time.process_time() - begin

    return run


def measure(name: str, rounds: int, round_seconds: float) -> tuple[float, float, float]:
    """Median CPU seconds per request of Erlen and of Flask, and median ratio.

    CPU time, not wall time: the machine may be busy with other work, and
    time spent waiting for a core is not the framework's. The ratio is the
    median of each round's ratio, so that a slow stretch of the machine,
    which hits both sides of a round alike, cancels out.
    """
    build = apps.SCENARIOS[name]
    runs = {}
    for framework in (erlen, flask):
        scenario = build(framework)
        try:
            scenario.check(call(scenario))
            # A second request: the first may take a one-time path.
            scenario.check(call(scenario))
        except AssertionError as error:
            raise SystemExit(
                f"{name}: {framework.__name__} gave a wrong answer, so its time"
                f" would mean nothing: {error}"
            ) from None
        runs[framework.__name__] = timer(scenario)

    loops = loops_for(runs["flask"], round_seconds)
    times = take_turns({which: per_call(run, loops) for which, run in runs.items()}, rounds)
    return medians(times["erlen"], times["flask"])


def loops_for(run: t.Callable[[int], float], round_seconds: float) -> int:
    """How many calls make a round of about ``round_seconds`` on ``run``.

    Size it on the slowest side, so no round of any side is too short to time.
    """
    run(200)  # the first calls may take a one-time path
    return max(50, int(round_seconds / (run(200) / 200)))


def per_call(run: t.Callable[[int], float], loops: int) -> t.Callable[[], float]:
    """One timed turn: seconds per call over ``loops`` calls.

    The collector runs before the turn and is off during it, so a collection
    that other work left due never falls in one side's turn.
    """

    def turn() -> float:
        gc.collect()
        gc.disable()
        try:
            return run(loops) / loops
        finally:
            gc.enable()

    return turn


def take_turns(
    turns: dict[str, t.Callable[[], float]], rounds: int
) -> dict[str, list[float]]:
    """Every side's result in each of ``rounds`` rounds.

    Each round runs every side once, the order moving one place round by
    round, so that a slow stretch of a shared machine falls on each side
    alike and no side always goes first.
    """
    names = list(turns)
    results: dict[str, list[float]] = {name: [] for name in names}
    for number in range(rounds):
        shift = number % len(names)
        for name in names[shift:] + names[:shift]:
            results[name].append(turns[name]())
    return results


def medians(ours: list[float], theirs: list[float]) -> tuple[float, float, float]:
    """The median of each side's runs, and the median of the runs' own ratios."""
    ratios = [e / f for e, f in zip(ours, theirs, strict=True)]
    return statistics.median(ours), statistics.median(theirs), statistics.median(ratios)


# -- cold start ------------------------------------------------------------------------

COLD_START = """\
import time
begin = time.process_time()
from {module} import {cls} as App
app = App("hello")

@app.route("/")
def hello():
    return "Hello, World!"

environ = {{
    "REQUEST_METHOD": "GET", "SCRIPT_NAME": "", "PATH_INFO": "/",
    "QUERY_STRING": "", "SERVER_NAME": "localhost", "SERVER_PORT": "80",
    "SERVER_PROTOCOL": "HTTP/1.1", "HTTP_HOST": "localhost",
    "wsgi.url_scheme": "http", "wsgi.input": None, "wsgi.errors": None,
    "wsgi.multithread": False, "wsgi.multiprocess": False, "wsgi.run_once": False,
}}
status = []
body = b"".join(app(environ, lambda s, h, e=None: status.append(s)))
elapsed = time.process_time() - begin
assert body == b"Hello, World!" and status == ["200 OK"], (status, body)
import resource, sys
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
try:
    # Linux carries ru_maxrss over from the parent across fork and exec, so a
    # child of this big benchmark process would report the parent's peak.
    with open("/proc/self/status") as status_file:
        peak = next(int(line.split()[1]) for line in status_file if line.startswith("VmHWM:"))
except OSError:
    pass
print(elapsed, peak, " ".join(sorted(
    m for m in ("jinja2", "click", "itsdangerous", "blinker") if m in sys.modules
)))
"""


def build_venv(folder: Path, requirements: list[str]) -> Path:
    """A virtual environment with ``requirements`` installed (not editable)."""
    uv = shutil.which("uv")
    python = folder / "bin" / "python"
    if uv is not None:
        subprocess.run(
            [uv, "venv", "-q", "--python", sys.executable, str(folder)], check=True
        )
        subprocess.run(
            [uv, "pip", "install", "-q", "--python", str(python), *requirements],
            check=True,
        )
    else:
        subprocess.run([sys.executable, "-m", "venv", str(folder)], check=True)
        subprocess.run(
            [str(python), "-m", "pip", "install", "-q", *requirements], check=True
        )
    return python


#: One report row: name, Erlen's value, Flask's value, unit, Erlen/Flask.
Row = tuple[str, float, float, str, float]


def cold_start(
    cases: dict[str, tuple[Path, str, str]], runs: int
) -> dict[str, list[tuple[float, float, float]]]:
    """Per case and run: CPU seconds in the child, process wall seconds, peak RSS (KiB).

    The cases take turns, run by run, so that a busy moment of the machine
    falls on all of them alike.
    """
    samples: dict[str, list[tuple[float, float, float]]] = {name: [] for name in cases}
    for number in range(runs + 1):
        for name, (python, module, cls) in cases.items():
            code = COLD_START.format(module=module, cls=cls)
            begin = time.perf_counter()
            out = subprocess.run(
                [str(python), "-I", "-c", code],
                check=True,
                capture_output=True,
                text=True,
            ).stdout.split(maxsplit=2)
            wall = time.perf_counter() - begin
            if len(out) > 2 and module == "erlen":
                print(f"warning: {name} imported {out[2].strip()}", file=sys.stderr)
            # The first run writes bytecode caches; users see that once.
            if number:
                samples[name].append((float(out[0]), wall, float(out[1])))
    return samples


def paired(
    erlen_runs: list[tuple[float, ...]],
    flask_runs: list[tuple[float, ...]],
    column: int,
) -> tuple[float, float, float]:
    """Medians of one column for each side, and the median of the runs' ratios."""
    return medians([run[column] for run in erlen_runs], [run[column] for run in flask_runs])


def cold_rows(runs: int, packages: Path) -> list[Row]:
    """Cold start and peak memory rows.

    :param packages: the folder of distributions to install, normally this
        checkout's ``packages/``; another checkout's to measure its code.
    """
    full = [
        str(path)
        for path in sorted(packages.iterdir())
        if (path / "pyproject.toml").exists() and path.name != "erlen-flask-compat"
    ]
    with tempfile.TemporaryDirectory(prefix="erlen-bench-") as tmp:
        core_python = build_venv(
            Path(tmp) / "core",
            [str(packages / "erlen-contexts"), str(packages / "erlen-core")],
        )
        full_python = build_venv(Path(tmp) / "full", [*full, "flask==3.1.3"])
        results = cold_start(
            {
                "core only": (core_python, "erlen", "Erlen"),
                "full stack": (full_python, "erlen", "Erlen"),
                "flask": (full_python, "flask", "Flask"),
            },
            runs,
        )
    rows: list[Row] = []
    for label in ("core only", "full stack"):
        for column, (what, unit) in enumerate(
            (("cold start", "ms"), ("process wall", "ms"), ("peak RSS", "MiB"))
        ):
            ours, theirs, ratio = paired(results[label], results["flask"], column)
            rows.append((f"{what}, {label}", ours, theirs, unit, ratio))
    return rows


# -- report ---------------------------------------------------------------------------------


def fmt(value: float, unit: str) -> str:
    if unit == "µs":
        return f"{value * 1e6:.1f} µs"
    if unit == "ms":
        return f"{value * 1e3:.1f} ms"
    return f"{value / 1024:.1f} MiB"


def report(rows: list[Row]) -> str:
    lines = [
        f"{date.today().isoformat()}, {cpu_model()}:"
        f" nproc {os.cpu_count()}, Python {platform.python_version()}"
        f" ({platform.machine()}), Flask {flask_version()}",
        "",
        "| scenario | Erlen | Flask | Erlen/Flask | target |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, erlen_value, flask_value, unit, ratio in rows:
        target = TARGETS.get(name, REQUEST_TARGET if unit == "µs" else None)
        mark = ""
        if target is not None:
            mark = f"≤ {target:.2f} " + ("✓" if ratio <= target else "✗")
        lines.append(
            f"| {name} | {fmt(erlen_value, unit)} | {fmt(flask_value, unit)}"
            f" | {ratio:.2f} | {mark} |"
        )
    return "\n".join(lines)


def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    return line.partition(":")[2].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def flask_version() -> str:
    from importlib.metadata import version

    return version("flask")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=21, help="rounds per scenario")
    parser.add_argument(
        "--round-seconds", type=float, default=0.05, help="length of one round per side"
    )
    parser.add_argument("--only", help="comma-separated scenarios to run")
    parser.add_argument(
        "--no-cold", action="store_true", help="skip cold start and memory"
    )
    parser.add_argument(
        "--cold-only", action="store_true", help="only cold start and memory"
    )
    parser.add_argument(
        "--cold-runs", type=int, default=15, help="fresh interpreters per case"
    )
    parser.add_argument(
        "--packages",
        type=Path,
        default=ROOT / "packages",
        help="the distributions the cold-start venvs install (default: this checkout's)",
    )
    args = parser.parse_args()

    if args.cold_only:
        names = []
    else:
        names = args.only.split(",") if args.only else list(apps.SCENARIOS)
    unknown = set(names) - set(apps.SCENARIOS)
    if unknown:
        parser.error(
            f"unknown scenarios {sorted(unknown)}; choose from {list(apps.SCENARIOS)}"
        )
    rows: list[Row] = []
    for name in names:
        erlen_time, flask_time, ratio = measure(name, args.rounds, args.round_seconds)
        rows.append((name, erlen_time, flask_time, "µs", ratio))
        print(f"{name}: {ratio:.2f}", file=sys.stderr)
    if args.cold_only or not (args.no_cold or args.only):
        rows.extend(cold_rows(args.cold_runs, args.packages))
    print(report(rows))


if __name__ == "__main__":
    main()
