"""Count the CPU instructions one request takes, on Erlen and on Flask.

Usage: ``hatch run bench:instructions [scenario ...]`` (valgrind must be
installed; every scenario when none is named).

Timings on a shared machine move by several percent from run to run, which
hides a change worth two. Instructions counted by valgrind's callgrind do
not move: the same code, inputs and interpreter give the same count, however
busy the machine is. Each scenario's app serves ``WARMUP`` requests, then
``n`` more, in two runs with ``n = 0`` and ``n = REQUESTS``; the difference,
divided by ``REQUESTS``, is one request without start-up and first-request
costs. Instructions are not time (a cache miss costs many), so the timed
benchmark (``run.py``) stays the measure of record; this one compares two
versions of the code.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

WARMUP = 50
REQUESTS = 300

#: What each child runs: build the scenario's app, warm it up, serve n requests.
#: The collector is off, as in run.py's rounds: a full collection falls in one
#: of the two runs and not the other, and moved a count by up to a tenth.
CHILD = """\
import gc
gc.disable()
import sys
sys.path.insert(0, {folder!r})
import apps
from run import call
framework = __import__({framework!r})
scenario = apps.SCENARIOS[{name!r}](framework)
for _ in range({warmup} + {count}):
    call(scenario)
"""


def collected(framework: str, name: str, count: int) -> int:
    """Instructions a child process takes to serve ``count`` requests after the warm-up."""
    code = CHILD.format(
        folder=str(Path(__file__).parent),
        framework=framework,
        name=name,
        warmup=WARMUP,
        count=count,
    )
    done = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"]
        + [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONHASHSEED": "0"},
    )
    match = re.search(r"Collected : (\d+)", done.stderr)
    if match is None:
        raise SystemExit(f"valgrind printed no count:\n{done.stderr}")
    return int(match.group(1))


def per_request(framework: str, name: str) -> float:
    base = collected(framework, name, 0)
    return (collected(framework, name, REQUESTS) - base) / REQUESTS


def main() -> None:
    sys.path.insert(0, str(Path(__file__).parent))
    import apps

    if shutil.which("valgrind") is None:
        raise SystemExit(
            "valgrind is not installed; on Debian or Ubuntu: apt-get install valgrind"
        )
    names = sys.argv[1:] or list(apps.SCENARIOS)
    unknown = set(names) - set(apps.SCENARIOS)
    if unknown:
        raise SystemExit(
            f"unknown scenarios {sorted(unknown)}; choose from {list(apps.SCENARIOS)}"
        )
    print("| scenario | Erlen | Flask | Erlen/Flask |")
    print("|---|---:|---:|---:|")
    for name in names:
        ours, theirs = per_request("erlen", name), per_request("flask", name)
        print(
            f"| {name} | {ours:,.0f} | {theirs:,.0f} | {ours / theirs:.2f} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
