"""Installing erlen-flask-compat is the whole opt-in, even beside a real Flask.

One fresh virtual environment, made from wheels built from packages/, holds
erlen-flask-compat and then the real Flask, installed the way an extension's
dependency brings it in. Every process started there, with no flag, gets
Erlen for ``import flask``; the real Flask keeps its metadata and stays
reachable with ``ERLEN_FLASK_COMPAT=0``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import tomllib
from packaging.requirements import Requirement

ROOT = Path(__file__).parents[2]
#: Not 3.1.3, so that its metadata cannot be mistaken for the stand-in's.
REAL_FLASK = "3.0.3"
#: The distributions erlen-flask-compat needs, all built from this tree:
#: the meta distribution's stack, read from its requirements, and compat.
with open(ROOT / "packages/erlen/pyproject.toml", "rb") as _file:
    LOCAL = (
        *(
            Requirement(line).name
            for line in tomllib.load(_file)["project"]["dependencies"]
        ),
        "erlen",
        "erlen-flask-compat",
    )


class Venv:
    """A virtual environment, and a way to run its commands."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.bin = path / ("Scripts" if os.name == "nt" else "bin")

    def run(
        self, *args: str, switch: str | None = None
    ) -> subprocess.CompletedProcess[str]:
        """Run ``args`` (a command in the venv's bin) in a clean environment."""
        env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
        env.pop("ERLEN_FLASK_COMPAT", None)
        if switch is not None:
            env["ERLEN_FLASK_COMPAT"] = switch
        return subprocess.run(
            [str(self.bin / args[0]), *args[1:]],
            capture_output=True,
            text=True,
            env=env,
            cwd=self.path,
            timeout=120,
            check=False,
        )

    def python(
        self, code: str, switch: str | None = None
    ) -> subprocess.CompletedProcess[str]:
        return self.run("python", "-c", textwrap.dedent(code), switch=switch)


def _uv() -> str:
    uv = os.environ.get("HATCH_UV") or shutil.which("uv")
    if uv is None:
        pytest.skip("needs uv, which hatch provides (hatch run compat:test)")
    return uv


@pytest.fixture(scope="module")
def venv(tmp_path_factory: pytest.TempPathFactory) -> Venv:
    uv = _uv()
    work = tmp_path_factory.mktemp("install")
    wheels = work / "wheels"
    for name in LOCAL:
        subprocess.run(
            [uv, "build", "--quiet", "--wheel", "--out-dir", str(wheels)],
            cwd=ROOT / "packages" / name,
            check=True,
            timeout=300,
        )
    venv = Venv(work / "venv")
    python = f"{sys.version_info.major}.{sys.version_info.minor}"
    subprocess.run([uv, "venv", "--quiet", "--python", python, str(venv.path)], check=True)
    install = [uv, "pip", "install", "--quiet", "--python", str(venv.bin / "python")]
    subprocess.run([*install, *map(str, wheels.glob("*.whl"))], check=True, timeout=300)
    # What an extension's `Flask>=...` requirement does, after the fact.
    subprocess.run([*install, f"flask=={REAL_FLASK}"], check=True, timeout=300)
    return venv


def test_the_wheel_puts_the_start_up_file_in_site_packages(venv: Venv) -> None:
    # lib64 may be a link to lib: one file, however many ways to it.
    found = {p.resolve() for p in venv.path.glob("**/erlen_flask_compat.pth")}
    assert [p.parent.name for p in found] == ["site-packages"]


def test_import_flask_means_erlen_without_any_flag(venv: Venv) -> None:
    result = venv.python(
        """
        import sys
        before = sorted(m for m in sys.modules if m.split(".")[0].startswith("erlen"))
        import flask
        print(before, flask.Flask.__module__)
        """
    )
    # Nothing of Erlen is imported before `import flask`.
    assert result.stdout.split() == ["[]", "erlen_flask_compat.app"], result.stderr


def test_the_switch_turns_it_off_for_one_process(venv: Venv) -> None:
    result = venv.python("import flask; print(flask.__file__)", switch="0")
    assert result.stdout.strip().endswith(os.path.join("flask", "__init__.py"))
    assert "erlen" not in result.stdout


def test_the_real_flask_keeps_its_metadata(venv: Venv) -> None:
    result = venv.python(
        """
        import importlib.metadata, flask
        print(flask.Flask.__module__, importlib.metadata.version("flask"))
        """
    )
    assert result.stdout.split() == ["erlen_flask_compat.app", REAL_FLASK]


@pytest.mark.parametrize(
    "command", [("flask", "--version"), ("python", "-m", "flask", "--version")]
)
def test_the_flask_command_runs_erlen_and_says_so(
    venv: Venv, command: tuple[str, ...]
) -> None:
    result = venv.run(*command)
    assert "Flask 3.1.3 API, served by Erlen" in result.stdout, result.stderr
    assert f"The installed Flask {REAL_FLASK} is not serving" in result.stdout


def test_python_m_flask_runs_an_apps_commands(venv: Venv) -> None:
    (venv.path / "app.py").write_text(
        textwrap.dedent(
            """
            from flask import Flask

            app = Flask(__name__)

            @app.route("/hello")
            def hello():
                return "hi"
            """
        ),
        encoding="utf-8",
    )
    result = venv.run("python", "-m", "flask", "routes")
    assert "/hello" in result.stdout, result.stderr


def test_erlen_plugins_says_which_flask_serves(venv: Venv) -> None:
    assert "flask: Erlen" in venv.run("erlen", "plugins").stdout
    off = venv.run("erlen", "plugins", switch="0").stdout
    assert f"flask: the real Flask {REAL_FLASK}" in off
