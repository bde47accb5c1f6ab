"""tools/run_all_tests.py: the closing line CI reads covers every run.

``hatch run test`` runs the suite in several environments; CI reads only the
last line, as pytest's summary. These check that line against pytest's own
parser, and that a failure anywhere shows in it.
"""

from __future__ import annotations

import importlib.util
import sys
import types
import typing as t
from pathlib import Path

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:  # tomllib is new in 3.11; tomli is the same parser, on PyPI
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[2]


def load_tool() -> types.ModuleType:
    spec = importlib.util.spec_from_file_location(
        "run_all_tests", ROOT / "tools" / "run_all_tests.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    # dataclasses look their module up while the class is made.
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


tool = load_tool()


def run(name: str, **counts: int) -> t.Any:
    done = tool.Run(name, ["unused"])
    done.counts.update(counts)
    return done


def parsed(line: str) -> dict[str, int]:
    """What pytest's own summary parser, which CI tools copy, reads."""
    return pytest.RunResult.parse_summary_nouns([line])


@pytest.mark.parametrize(
    "line",
    [
        "=========== 2 failed, 79 passed, 1 warning in 0.36s (0:00:00) ===========",
        "2 failed, 79 passed, 1 warning in 0.36s",
        "\x1b[31m=== \x1b[31m\x1b[1m2 failed\x1b[0m, \x1b[32m79 passed\x1b[0m,"
        " \x1b[33m1 warning\x1b[0m\x1b[31m in 0.36s\x1b[0m\x1b[31m ===\x1b[0m",
    ],
    ids=["rulers", "quiet", "colours"],
)
def test_pytests_summary_is_read_in_every_style(line: str) -> None:
    assert tool.counts_of(line) == {"failed": 2, "passed": 79, "warnings": 1}


@pytest.mark.parametrize(
    "line",
    [
        "tests/erlen_core/test_app.py ........................ [ 31%]",
        "FAILED tests/x.py::test_y - AssertionError: 3 passed in 1.00s",
        "Syncing dependencies",
    ],
)
def test_other_lines_are_not_summaries(line: str) -> None:
    assert tool.counts_of(line) is None


def test_every_run_adds_its_counts_to_the_whole() -> None:
    runs = [
        run("alone.core", passed=600, failed=1),
        run("alone.cli", passed=100, errors=2),
        run("compat", passed=60),
        run("default", passed=1300, skipped=1, warnings=1),
    ]
    line = tool.closing_line(runs, 150.5)

    assert line.endswith("=") and line.startswith("=")
    assert parsed(line) == {
        "failed": 1,
        "passed": 2060,
        "skipped": 1,
        "warnings": 1,
        "errors": 2,
    }


def test_all_passing_runs_close_with_the_suites_counts() -> None:
    line = tool.closing_line([run("default", passed=3)], 1.0)
    assert "3 passed in 1.00s" in line
    assert parsed(line) == {"passed": 3}


def test_a_run_that_stops_before_pytest_reports_counts_as_an_error() -> None:
    broken = tool.Run("alone.x", [sys.executable, "-c", "raise SystemExit(3)"])
    tool.execute(broken)

    assert broken.failed
    assert broken.counts == {"errors": 1}
    assert parsed(tool.closing_line([broken], 2.0)) == {"errors": 1}


def test_a_runs_output_is_shown_and_its_summary_kept(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = "print('collected 3 items'); print('== 1 failed, 2 passed in 0.50s ==')"
    failing = tool.Run(
        "alone.y", [sys.executable, "-c", code + "; raise SystemExit(1)"], True
    )
    tool.execute(failing)

    shown = capsys.readouterr().out
    assert "collected 3 items\n== 1 failed, 2 passed in 0.50s ==\n" in shown
    assert failing.failed
    assert failing.counts == {"failed": 1, "passed": 2}


def test_runs_write_bytecode_caches_outside_the_tree(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # Hundreds of fresh interpreters would each compile every module again.
    monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")
    monkeypatch.delenv("PYTHONPYCACHEPREFIX", raising=False)
    monkeypatch.setattr(tool.tempfile, "gettempdir", lambda: str(tmp_path))
    code = "import sys; print(sys.dont_write_bytecode, sys.pycache_prefix)"

    tool.execute(tool.Run("alone.z", [sys.executable, "-c", code]))

    assert f"\nFalse {tmp_path / 'erlen-pycache'}\n" in capsys.readouterr().out


def test_a_developers_choice_of_bytecode_is_kept(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("PYTHONDONTWRITEBYTECODE", raising=False)
    monkeypatch.setenv("PYTHONPYCACHEPREFIX", "/somewhere/else")

    env = tool.child_environment()

    assert "PYTHONDONTWRITEBYTECODE" not in env
    assert env["PYTHONPYCACHEPREFIX"] == "/somewhere/else"
    assert env["PYTHONUNBUFFERED"] == "1"


def test_the_static_checks_run_before_the_full_suite() -> None:
    runs = {each.name: each for each in tool.plan("hatch")}

    assert list(runs)[-1] == "default"
    assert runs["lint"].command == ["hatch", "run", "lint:check"]
    assert runs["typecheck"].command == ["hatch", "run", "typecheck:check"]
    assert runs["docs"].command == ["hatch", "run", "docs:check"]


def test_a_python_runs_here_only_if_it_starts(tmp_path: Path) -> None:
    broken = tmp_path / "python3.99"
    broken.write_text(
        "#!/bin/sh\necho 'pyenv: python3.99: command not found' >&2\nexit 127\n"
    )
    broken.chmod(0o755)

    assert tool.runs_here(sys.executable)
    assert not tool.runs_here(str(broken))
    assert not tool.runs_here("no-such-python-anywhere")


def test_only_the_pythons_found_get_a_run(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(tool, "runs_here", lambda command: command == "python3.12")

    runs = {each.name: each for each in tool.plan("hatch")}

    assert [name for name in runs if name.startswith("pythons.")] == ["pythons.py3.12"]
    assert runs["pythons.py3.12"].command == ["hatch", "run", "pythons.py3.12:test"]
    out = capsys.readouterr().out
    assert "Skipping the full suite on Python 3.10, 3.13" in out
    # It says how to include them: pyenv, and the PATH trick .ci/run uses.
    assert "pyenv install 3.10 3.13" in out
    assert 'PATH="<folder>:$PATH" hatch run test' in out


def test_each_distribution_is_tested_alone_and_at_its_lowest_versions() -> None:
    names = [each.name for each in tool.plan("hatch")]
    dists = tool.matrix_values("alone", "dist")

    # The two matrices must not drift apart: a distribution missing from
    # ``lowest`` would have its lower bounds unproven.
    assert tool.matrix_values("lowest", "dist") == dists
    for dist in dists:
        assert f"alone.{dist}" in names and f"lowest.{dist}" in names
    with open(ROOT / "hatch.toml", "rb") as file:
        lowest = tomllib.load(file)["envs"]["lowest"]
    assert lowest["template"] == "alone"
    assert lowest["env-vars"] == {"UV_RESOLUTION": "lowest-direct"}


def test_upstream_runs_before_the_full_suite_and_is_advisory() -> None:
    runs = {each.name: each for each in tool.plan("hatch")}

    assert runs["upstream"].advisory
    assert runs["upstream"].command == ["hatch", "run", "upstream:test"]
    assert list(runs)[-1] == "default"
    assert not any(each.advisory for name, each in runs.items() if name != "upstream")


def test_the_suite_runs_with_the_speedups_switched_off_before_the_full_suite() -> None:
    names = [each.name for each in tool.plan("hatch")]
    runs = {each.name: each for each in tool.plan("hatch")}

    assert names[-2:] == ["nospeedups", "default"]
    assert runs["nospeedups"].command == ["hatch", "run", "nospeedups:test"]
    assert not runs["nospeedups"].advisory
    with open(tool.ROOT / "hatch.toml", "rb") as file:
        envs = tomllib.load(file)["envs"]
    assert envs["nospeedups"]["template"] == "default"
    assert envs["nospeedups"]["env-vars"] == {"ERLEN_NO_SPEEDUPS": "1"}
    # The whole suite but compat, which run_all_tests.py leaves to its own env.
    assert envs["nospeedups"]["scripts"]["test"].startswith(
        "python tools/run_all_tests.py -q"
    )


def test_the_core_suite_runs_through_asgi_before_nospeedups() -> None:
    names = [each.name for each in tool.plan("hatch")]
    runs = {each.name: each for each in tool.plan("hatch")}

    assert names[-3:] == ["asgi", "nospeedups", "default"]
    assert runs["asgi"].command == ["hatch", "run", "asgi:test"]
    assert not runs["asgi"].advisory
    with open(tool.ROOT / "hatch.toml", "rb") as file:
        envs = tomllib.load(file)["envs"]
    assert envs["asgi"]["template"] == "default"
    assert envs["asgi"]["env-vars"] == {"ERLEN_TEST_INTERFACE": "asgi"}
    script = envs["asgi"]["scripts"]["test"]
    assert script.startswith("python tools/run_all_tests.py -q tests/erlen_core ")
    assert "tests/erlen_sessions " in script and "tests/integration " in script


def test_an_advisory_failure_is_shown_but_neither_counted_nor_fatal() -> None:
    upstream = tool.Run("upstream", ["unused"], advisory=True)
    upstream.returncode = 1
    upstream.counts.update(failed=3, passed=10)
    runs = [upstream, run("default", passed=5)]

    assert parsed(tool.closing_line(runs, 1.0)) == {"passed": 5}
    assert tool.exit_status(runs) == 0
    assert tool.outcome(upstream).startswith("FAILED (advisory")
    runs[1].returncode = 1
    assert tool.exit_status(runs) == 1
