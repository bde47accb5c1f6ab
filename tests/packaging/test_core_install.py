"""``pip install erlen-core`` alone gives a working, light framework.

The released wheels of erlen-core and erlen-contexts go into one fresh
virtual environment, installed the way a user installs them: by name, with
Werkzeug and MarkupSafe coming from the package index.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import typing as t
from pathlib import Path

import pytest

if t.TYPE_CHECKING:
    from conftest import RepoCopy

pytestmark = pytest.mark.slow

OPTIONAL = {"jinja2", "click", "itsdangerous", "blinker"}
HELLO = """\
import json
import sys

from werkzeug.test import Client

import erlen

app = erlen.Erlen(__name__)


@app.get("/")
def hello():
    return "Hello, World!"


response = Client(app).get("/")
print(json.dumps({
    "status": response.status_code,
    "body": response.get_data(as_text=True),
    "erlen": erlen.__file__,
    "modules": sorted(sys.modules),
}))
"""


class Venv(t.NamedTuple):
    path: Path
    versions: dict[str, str]  # what the repository releases, by distribution

    def run(self, *args: str) -> str:
        """Run the venv's Python isolated from this process's environment."""
        env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
        env.pop("VIRTUAL_ENV", None)
        done = subprocess.run(
            [str(self.path / "bin" / "python"), *args],
            capture_output=True,
            text=True,
            check=False,
            env=env,
            cwd=self.path,
        )
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout


@pytest.fixture(scope="module")
def venv(
    tmp_path_factory: pytest.TempPathFactory,
    repo_copier: t.Callable[[Path], RepoCopy],
) -> Venv:
    """A venv where only ``erlen-core==<version>`` was asked for."""
    tmp = tmp_path_factory.mktemp("core-install")
    repo = repo_copier(tmp / "repo")
    wheels = tmp / "wheels"
    wheels.mkdir()
    versions = {}
    for name in ("erlen-contexts", "erlen-core"):
        done = repo.release(name)
        assert done.returncode == 0, done.stderr
        (wheel,) = (repo.package(name) / "dist").glob("*.whl")
        wheel.rename(wheels / wheel.name)
        versions[name] = wheel.name.split("-")[1]
    subprocess.run([sys.executable, "-m", "venv", str(tmp / "venv")], check=True)
    venv = Venv(tmp / "venv", versions)
    # The names are not on the index yet, and someone may register them: pin
    # erlen-contexts to our wheel without asking for it (trap 9).
    constraints = tmp / "constraints.txt"
    constraints.write_text(f"erlen-contexts=={versions['erlen-contexts']}\n")
    venv.run(
        "-m", "pip", "install", "--quiet", "--find-links", str(wheels),
        "--constraint", str(constraints), f"erlen-core=={versions['erlen-core']}",
    )  # fmt: skip
    return venv


def test_core_installs_only_contexts_werkzeug_and_markupsafe(venv: Venv) -> None:
    listed = json.loads(venv.run("-m", "pip", "list", "--format=json"))
    installed = {
        item["name"].lower(): item["version"]
        for item in listed
        if item["name"].lower() not in {"pip", "setuptools"}
    }
    assert set(installed) == {"erlen-core", "erlen-contexts", "werkzeug", "markupsafe"}
    # The repository's own wheels, not something else by the same name.
    assert {name: installed[name] for name in venv.versions} == venv.versions


def test_installed_set_is_consistent(venv: Venv) -> None:
    assert "No broken requirements found." in venv.run("-m", "pip", "check")


def test_core_serves_a_request_without_optional_libraries(venv: Venv) -> None:
    script = venv.path / "hello.py"
    script.write_text(HELLO)
    result = json.loads(venv.run("-I", str(script)))

    assert (result["status"], result["body"]) == (200, "Hello, World!")
    # Imported from the venv, not from the source tree.
    assert Path(result["erlen"]).is_relative_to(venv.path)
    imported = {module.partition(".")[0] for module in result["modules"]}
    assert imported & OPTIONAL == set()
