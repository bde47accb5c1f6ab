#!/usr/bin/env python3
"""Run every test of the repository, in every environment that proves something.

Usage, from the repository root::

    hatch run test                     # everything, as CI runs it
    hatch run test tests/erlen_core -q # only pytest with these arguments

Without arguments it runs, in order:

1. each distribution's own tests with only its declared dependencies
   installed (the ``alone`` matrix of hatch.toml), which catches a plugin
   importing a sibling it does not declare;
2. the same tests against the lowest versions each distribution's metadata
   allows (the ``lowest`` matrix), which proves its lower bounds;
3. the environments whose tests the default environment cannot run
   (``compat``: Flask extensions must never enter the default environment);
4. the static checks: ruff (``lint``) and mypy in strict mode (``typecheck``),
   and the documentation site's build, warnings as errors (``docs``);
5. the full suite on each other supported Python found on PATH (``pythons``);
6. the fast paths' identity tests on the newest Werkzeug and itsdangerous
   (``upstream``), advisory: reported, never failing the run, since a release
   upstream is news to act on and not a fault of the change being tested;
7. the core suite with the test client driving ``app.asgi`` (``asgi``:
   ``ERLEN_TEST_INTERFACE=asgi``), so the WSGI and ASGI drivers of the one
   request pipeline cannot drift;
8. the full suite with every speedup switched off (``nospeedups``:
   ``ERLEN_NO_SPEEDUPS=1``), so that every test proves the shortcuts change
   nothing;
9. the full suite in the default environment, which has every distribution.

Every run goes on after a failure, so one command shows every problem, and
the exit status is non-zero if any run but an advisory one failed. CI reads
the closing line of the output as pytest's summary, so the script ends with
one line in pytest's format that covers the whole run: every test of every
environment counts, so a test run in four environments counts four times,
and a failed check counts as an error. Advisory runs add nothing to it.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # hatchling, in the default environment, requires tomli before 3.11
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent

#: The matrix in hatch.toml with one environment per distribution.
ALONE = "alone"
#: The same environments, resolved to the lowest versions allowed.
LOWEST = "lowest"
#: Environments with test folders of their own that the full suite ignores.
OWN_SUITES = {"compat": "tests/compat"}
#: Static checks and the documentation build, each the ``check`` script of
#: its environment.
CHECKS = ("lint", "typecheck", "docs")
#: The matrix in hatch.toml with the full suite on the other supported Pythons.
PYTHONS = "pythons"
#: Environments whose ``test`` outcome is reported but never fails the run.
ADVISORY = ("upstream",)
#: The core suite through ``app.asgi`` (``ERLEN_TEST_INTERFACE=asgi``).
ASGI = "asgi"
#: The full suite with the speedups switched off (``ERLEN_NO_SPEEDUPS=1``).
NO_SPEEDUPS = "nospeedups"

#: pytest's closing line: ``== 2 failed, 79 passed, 1 warning in 0.36s ==``,
#: with or without the rulers ``-q`` drops.
_SUMMARY = re.compile(r"^=*\s*((?:\d+ \w+(?:, )?)+) in [\d.]+s")
_COUNT = re.compile(r"(\d+) (\w+)")
_ANSI = re.compile(r"\x1b\[[0-9;]*m")
#: The order and spelling pytest uses in its summary.
_KINDS = ("failed", "passed", "skipped", "deselected", "xfailed", "xpassed")
_PLURALS = {"warning": "warnings", "error": "errors"}


@dataclass
class Run:
    """One command and what it reported."""

    name: str
    command: list[str]
    advisory: bool = False
    returncode: int = 0
    seconds: float = 0.0
    counts: Counter[str] = field(default_factory=Counter)

    @property
    def failed(self) -> bool:
        return self.returncode != 0


def matrix_values(env: str, variable: str) -> list[str]:
    """The values of ``variable`` in the matrices of hatch.toml's ``env``, in order."""
    with open(ROOT / "hatch.toml", "rb") as file:
        matrices = tomllib.load(file)["envs"][env]["matrix"]
    return [value for matrix in matrices for value in matrix[variable]]


def per_distribution(matrix: str) -> list[str]:
    """The ``<matrix>.<distribution>`` environments, in hatch.toml's order."""
    return [f"{matrix}.{dist}" for dist in matrix_values(matrix, "dist")]


def python_environments() -> list[str]:
    """The ``pythons.py<version>`` environments whose interpreter runs here.

    hatch looks ``python<version>`` up on PATH and, when it finds none, tries
    to download one; a machine without the interpreter leaves that version
    out, and says so.
    """
    versions = matrix_values(PYTHONS, "python")
    missing = [version for version in versions if not runs_here(f"python{version}")]
    if missing:
        names = ", ".join(f"python{version}" for version in missing)
        print(
            f"Skipping the full suite on Python {', '.join(missing)}: no working"
            f" {names} on PATH. To include {'it' if len(missing) == 1 else 'them'},"
            " install the interpreters (for example `pyenv install"
            f" {' '.join(missing)}`) and put them ahead of pyenv's shims, which"
            " fail for versions not selected: link each"
            " ~/.pyenv/versions/<version>/bin/python3.X into a folder and"
            ' run `PATH="<folder>:$PATH" hatch run test`, as .ci/run does.',
            flush=True,
        )
    return [f"{PYTHONS}.py{version}" for version in versions if version not in missing]


def runs_here(command: str) -> bool:
    """Whether ``command`` is on PATH and starts.

    pyenv puts a shim on PATH for every version it has, and the shim of a
    version that is not selected exits with an error.
    """
    path = shutil.which(command)
    return (
        path is not None
        and subprocess.call([path, "-c", ""], stderr=subprocess.DEVNULL) == 0
    )


def plan(hatch: str) -> list[Run]:
    """Every run, the full suite last so its output sits above the closing line."""
    runs = [
        Run(env, [hatch, "run", f"{env}:test", "-q"])
        for env in per_distribution(ALONE) + per_distribution(LOWEST)
    ]
    runs += [
        Run(env, [hatch, "run", f"{env}:test", "-q"])
        for env in OWN_SUITES
    ]
    # No tests of their own: a failure counts as an error in the closing line.
    runs += [Run(env, [hatch, "run", f"{env}:check"]) for env in CHECKS]
    # One run per version: a run keeps only the last summary pytest prints.
    runs += [
        Run(env, [hatch, "run", f"{env}:test"])
        for env in python_environments()
    ]
    runs += [
        Run(env, [hatch, "run", f"{env}:test"], advisory=True)
        for env in ADVISORY
    ]
    runs.append(Run(ASGI, [hatch, "run", f"{ASGI}:test"]))
    runs.append(Run(NO_SPEEDUPS, [hatch, "run", f"{NO_SPEEDUPS}:test"]))
    runs.append(Run("default", full_suite()))
    return runs


def full_suite(*args: str) -> list[str]:
    """pytest in this environment, leaving out the folders of ``OWN_SUITES``."""
    # The script, not ``python -m pytest``: that would put the repository
    # root on sys.path, where it could make an uninstalled module importable.
    pytest = shutil.which("pytest", path=os.path.dirname(sys.executable)) or "pytest"
    ignored = [f"--ignore={folder}" for folder in OWN_SUITES.values()]
    return [pytest, *ignored, *args]


def counts_of(line: str) -> Counter[str] | None:
    """The outcome counts of pytest's closing line, or None for another line."""
    match = _SUMMARY.match(_ANSI.sub("", line).strip())
    if match is None:
        return None
    counts: Counter[str] = Counter()
    for number, kind in _COUNT.findall(match.group(1)):
        counts[_PLURALS.get(kind, kind)] += int(number)
    return counts


def child_environment() -> dict[str, str]:
    """The environment every run gets: this one, unbuffered and with bytecode caches.

    Unbuffered children stream their output as it comes, not in blocks.

    The suite starts hundreds of fresh interpreters (the CLI's commands, the
    servers, the packaging proofs). With ``PYTHONDONTWRITEBYTECODE`` set, as
    some CI images set it, each of them compiles Werkzeug, click and Erlen
    from source again, which once made up almost half of the CLI tests' time.
    Caches are written instead, under ``PYTHONPYCACHEPREFIX`` in the
    temporary folder, so a tree that was meant to stay free of
    ``__pycache__`` still does. Tests that must not read a stale cache (the
    reloader's) set the variable again for their own processes.
    """
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    if env.pop("PYTHONDONTWRITEBYTECODE", None) is not None:
        env.setdefault(
            "PYTHONPYCACHEPREFIX", str(Path(tempfile.gettempdir()) / "erlen-pycache")
        )
    return env


def execute(run: Run) -> None:
    """Run ``run.command``, echoing its output live and keeping its summary."""
    shown = shlex.join([Path(run.command[0]).name, *run.command[1:]])
    print(f"\n>>> {run.name}: {shown}", flush=True)
    env = child_environment()
    started = time.monotonic()
    if sys.stdout.isatty():
        env.setdefault("PY_COLORS", "1")  # pytest colours only a terminal
    with subprocess.Popen(
        run.command,
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        errors="replace",
    ) as process:
        assert process.stdout is not None
        for line in process.stdout:
            sys.stdout.write(line)
            sys.stdout.flush()
            counts = counts_of(line)
            if counts is not None:
                run.counts = counts
    run.returncode = process.returncode
    run.seconds = time.monotonic() - started
    if run.failed and not (run.counts["failed"] or run.counts["errors"]):
        # It stopped before pytest could report (an environment that would
        # not install, a usage error): count it as one error.
        run.counts["errors"] += 1


def closing_line(runs: list[Run], seconds: float) -> str:
    """One summary in pytest's format for every run together."""
    total: Counter[str] = Counter()
    for run in runs:
        if run.advisory:
            continue
        total.update(run.counts)
    parts = [f"{total[kind]} {kind}" for kind in _KINDS if total[kind]]
    for singular, plural in _PLURALS.items():
        if total[plural]:
            parts.append(
                f"{total[plural]} {singular if total[plural] == 1 else plural}"
            )
    text = f" {', '.join(parts) or 'no tests ran'} in {seconds:.2f}s "
    return text.center(80, "=")


def exit_status(runs: list[Run]) -> int:
    """1 if a run that is not advisory failed, else 0."""
    return 1 if any(run.failed and not run.advisory for run in runs) else 0


def outcome(run: Run) -> str:
    """How the run ended, and whether that decides the exit status."""
    if not run.failed:
        return "ok"
    if run.advisory:
        return "FAILED (advisory, the run's status ignores it: see docs/internals.md)"
    return "FAILED"


def main(args: list[str]) -> int:
    if args:
        # A developer's focused run: pytest alone, in this environment.
        return subprocess.call(full_suite(*args), cwd=ROOT)
    hatch = shutil.which("hatch")
    if hatch is None:
        print(
            "The hatch command was not found on PATH. This script runs each test"
            " environment through it; run it as `hatch run test` from the"
            " repository root, after `pip install hatch`.",
            file=sys.stderr,
        )
        return 2
    started = time.monotonic()
    runs = plan(hatch)
    for run in runs:
        execute(run)
    print()
    for run in runs:
        print(f"{run.name}: {outcome(run)} ({run.seconds:.1f}s with environment set-up)")
    print(closing_line(runs, time.monotonic() - started), flush=True)
    return exit_status(runs)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
