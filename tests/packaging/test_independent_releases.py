"""Releasing one distribution never blocks, forces or downgrades another.

Proved on real wheels in fresh virtual environments: the stack's wheels are
built once from a copy of the repository, next to erlen-sessions' next minor
built from the same copy after ``tools/release bump``. Werkzeug and the other
libraries come from the package index once, into the same wheel folder, so
every install after that reads only local files (``--no-index``): nobody
else's release of an ``erlen-*`` name can enter the test (docs/packaging.md,
trap 9). Steps about pip's behaviour use pip; the others use uv, for speed.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
import typing as t
from pathlib import Path

import pytest
from packaging.requirements import Requirement

if sys.version_info >= (3, 11):
    import tomllib
else:  # tomllib is new in 3.11; tomli is the same parser, on PyPI
    import tomli as tomllib

if t.TYPE_CHECKING:
    from conftest import RepoCopy

pytestmark = pytest.mark.slow

#: The meta distribution and everything it installs, read from its
#: requirements so that a piece added to the stack is built here too.
with open(Path(__file__).parents[2] / "packages/erlen/pyproject.toml", "rb") as _file:
    STACK = (
        "erlen",
        *(
            Requirement(line).name
            for line in tomllib.load(_file)["project"]["dependencies"]
        ),
    )
SESSIONS_APP = """\
import json

from erlen import Erlen
from erlen import session

app = Erlen(__name__)
app.config["SECRET_KEY"] = "not secret"


@app.post("/")
def store():
    session["visits"] = session.get("visits", 0) + 1
    return "stored"


@app.get("/")
def show():
    return {"visits": session.get("visits")}


client = app.test_client()
client.post("/")
client.post("/")
print(json.dumps(client.get("/").get_json()))
"""


class Wheels(t.NamedTuple):
    """Where the built wheels are."""

    #: The stack at the repository's versions, and the libraries it needs.
    stack: Path
    #: erlen-sessions' next minor, released alone.
    sessions_next: Path
    #: Throwaway plugins these tests build.
    plugins: Path


class Env(t.NamedTuple):
    """A virtual environment, driven from outside."""

    path: Path

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
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
        assert not check or done.returncode == 0, done.stdout + done.stderr
        return done

    def pip(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        """pip of this venv, with the version check and its noise off."""
        quiet = ("--disable-pip-version-check", "--no-input")
        return self.run("-m", "pip", *args, *quiet, check=check)

    def versions(self) -> dict[str, str]:
        """Installed distributions and their versions, by lower-case name."""
        listed = json.loads(self.pip("list", "--format=json").stdout)
        return {item["name"].lower(): item["version"] for item in listed}

    def script(self, name: str, source: str) -> str:
        """Run ``source`` as a script in the venv; return what it printed."""
        path = self.path / name
        path.write_text(source)
        return self.run("-I", str(path)).stdout


def uv() -> str:
    """The uv binary hatch uses, or the one on PATH."""
    found = os.environ.get("HATCH_UV") or shutil.which("uv")
    assert found, "uv is needed: run the tests through `hatch run test`"
    return found


def build_wheel(project: Path, out: Path) -> None:
    """Build ``project``'s wheel into ``out`` with this interpreter's hatchling."""
    subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(out)],
        cwd=project,
        check=True,
        capture_output=True,
    )


def third_party(repo: RepoCopy) -> list[str]:
    """The requirements of the stack on libraries outside it."""
    lines = set()
    for name in STACK:
        with open(repo.package(name) / "pyproject.toml", "rb") as file:
            project = tomllib.load(file)["project"]
        for line in project.get("dependencies", []):
            if not Requirement(line).name.startswith("erlen"):
                lines.add(line)
    return sorted(lines)


def new_venv(path: Path) -> Env:
    """A venv with pip, as a user makes one."""
    subprocess.run([sys.executable, "-m", "venv", str(path)], check=True)
    return Env(path)


@pytest.fixture(scope="module")
def wheels(
    tmp_path_factory: pytest.TempPathFactory,
    repo_copier: t.Callable[[Path], RepoCopy],
) -> Wheels:
    tmp = tmp_path_factory.mktemp("wheels")
    repo = repo_copier(tmp / "repo")
    found = Wheels(tmp / "stack", tmp / "sessions-next", tmp / "plugins")
    for name in STACK:
        build_wheel(repo.package(name), found.stack)
    bumped = repo.release("bump", "erlen-sessions", "minor")
    assert bumped.returncode == 0, bumped.stderr
    build_wheel(repo.package("erlen-sessions"), found.sessions_next)
    # The libraries, once, from the index: pip of a throwaway venv fetches them.
    fetcher = new_venv(tmp / "fetch")
    fetcher.pip("download", "--quiet", "--only-binary=:all:", "--dest",
                str(found.stack), *third_party(repo))  # fmt: skip
    return found


@pytest.fixture(scope="module")
def erlen_installed(tmp_path_factory: pytest.TempPathFactory, wheels: Wheels) -> Env:
    """A venv where a user ran ``pip install erlen``, before any new release."""
    env = new_venv(tmp_path_factory.mktemp("user") / "venv")
    env.pip("install", "--quiet", "--no-index", "--find-links", str(wheels.stack), "erlen")
    return env


def test_releasing_sessions_alone_upgrades_cleanly_and_sticks(
    erlen_installed: Env, wheels: Wheels
) -> None:
    env = erlen_installed
    links = ["--no-index", "--find-links", str(wheels.stack),
             "--find-links", str(wheels.sessions_next)]  # fmt: skip
    assert env.versions()["erlen-sessions"] == "0.1.0"

    env.pip("install", "--quiet", "--upgrade", *links, "erlen-sessions")

    installed = env.versions()
    assert installed["erlen-sessions"] == "0.2.0"
    # Nothing else moved: one piece was released, one piece changed.
    assert {installed[name] for name in STACK if name != "erlen-sessions"} == {"0.1.0"}
    assert "No broken requirements found." in env.pip("check").stdout
    assert json.loads(env.script("sessions_app.py", SESSIONS_APP)) == {"visits": 2}

    env.pip("install", "--quiet", "--upgrade", *links, "erlen")

    assert env.versions()["erlen-sessions"] == "0.2.0"
    assert "No broken requirements found." in env.pip("check").stdout


def plugin_project(root: Path, name: str, requires: str, contract: str) -> Path:
    """Write a throwaway sessions plugin's project; return its folder.

    It fills the sessions slot with the interface core offers, and states
    ``contract`` as the version of the contract it was built for.
    """
    package = name.replace("-", "_")
    project = root / name
    (project / package).mkdir(parents=True)
    (project / "pyproject.toml").write_text(
        textwrap.dedent(f"""\
        [build-system]
        requires = ["hatchling"]
        build-backend = "hatchling.build"

        [project]
        name = "{name}"
        version = "0.1.0"
        dependencies = ["{requires}"]

        [project.entry-points."erlen.sessions"]
        future = "{package}:plugin"
        """)
    )
    (project / package / "__init__.py").write_text(
        textwrap.dedent(f"""\
        from erlen.plugins.sessions import NullSessionInterface


        class Plugin:
            contract_version = "{contract}"

            def create_session_interface(self, app):
                return NullSessionInterface()


        plugin = Plugin()
        """)
    )
    return project


def test_pip_refuses_a_plugin_for_a_core_that_is_not_installed(
    erlen_installed: Env, wheels: Wheels
) -> None:
    project = plugin_project(
        wheels.plugins.parent / "src", "erlen-next-core-sessions", "erlen-core>=2", "2.0"
    )
    build_wheel(project, wheels.plugins)
    links = ["--find-links", str(wheels.stack), "--find-links", str(wheels.plugins)]

    done = erlen_installed.pip(
        "install", "--no-index", *links, "erlen-next-core-sessions", check=False
    )

    assert done.returncode != 0
    assert "erlen-core>=2" in done.stdout + done.stderr
    installed = erlen_installed.versions()
    assert "erlen-next-core-sessions" not in installed
    assert installed["erlen-core"] == "0.1.0"


@pytest.fixture(scope="module")
def future_plugin_installed(tmp_path_factory: pytest.TempPathFactory, wheels: Wheels) -> Env:
    """Core and a sessions plugin built for the next contract major.

    The plugin's metadata admits this core, as a careless plugin's might:
    the load-time check is what catches it.
    """
    tmp = tmp_path_factory.mktemp("future")
    project = plugin_project(tmp / "src", "erlen-future-sessions", "erlen-core", "2.0")
    build_wheel(project, tmp / "wheel")
    subprocess.run([uv(), "venv", "--quiet", str(tmp / "venv")], check=True)
    subprocess.run(
        [uv(), "pip", "install", "--quiet", "--python", str(tmp / "venv" / "bin" / "python"),
         "--no-index", "--find-links", str(wheels.stack), "--find-links", str(tmp / "wheel"),
         "erlen-core", "erlen-testing", "erlen-future-sessions"],
        check=True,
    )  # fmt: skip
    return Env(tmp / "venv")


REFUSED_AT_LOAD = """\
import json

import erlen
from erlen.plugins import IncompatiblePluginError
from erlen.plugins import registry

messages = []
try:
    registry.load("sessions", "future")
except IncompatiblePluginError as error:
    messages.append(str(error))

app = erlen.Erlen(__name__, plugins={"sessions": "future"})
app.config.update(SECRET_KEY="not secret", TESTING=True)


@app.get("/")
def view():
    return str(erlen.session.get("x"))


try:
    app.test_client().get("/")
except IncompatiblePluginError as error:
    messages.append(str(error))
print(json.dumps(messages))
"""


def test_a_plugin_for_the_next_contract_major_is_refused_at_load(
    future_plugin_installed: Env,
) -> None:
    messages = json.loads(future_plugin_installed.script("load.py", REFUSED_AT_LOAD))

    # Refused both when loaded by name and on an app's first session access.
    assert len(messages) == 2
    for message in messages:
        assert "'future'" in message  # the entry point's name
        assert "erlen_future_sessions:plugin" in message  # and where it points
        assert "erlen-future-sessions 0.1.0" in message  # its distribution
        assert "version 2.0 of the sessions contract" in message
        assert "offers version 1.0" in message
        assert "pip install --upgrade erlen-core" in message


def workspace_install(repo: Path) -> subprocess.CompletedProcess[str]:
    """Resolve every folder under packages/ as one editable install, dry.

    What hatch's workspace environment asks its installer (uv) for: each
    member editable, in one resolution, siblings never looked up on the index.
    """
    venv = repo / ".venv"
    subprocess.run([uv(), "venv", "--quiet", str(venv)], check=True)
    members = [arg for path in sorted(repo.glob("packages/*/pyproject.toml"))
               for arg in ("-e", str(path.parent))]  # fmt: skip
    return subprocess.run(
        [uv(), "pip", "install", "--dry-run", "--python", str(venv / "bin" / "python"),
         *members],
        capture_output=True,
        text=True,
        check=False,
    )  # fmt: skip


def test_the_workspace_resolves_after_one_distribution_is_bumped(
    repo: RepoCopy,
) -> None:
    assert repo.release("bump", "erlen-sessions", "minor").returncode == 0

    done = workspace_install(repo.root)

    assert done.returncode == 0, done.stderr
    assert f"erlen-sessions @ {repo.package('erlen-sessions').as_uri()}" in done.stderr


def test_bump_refuses_to_step_outside_an_exact_pin(repo: RepoCopy) -> None:
    # The pins the meta distribution used to have made the workspace above
    # unsolvable after a bump; the bump now says so before anything is written.
    meta = repo.package("erlen") / "pyproject.toml"
    pinned = meta.read_text().replace("erlen-sessions>=0.1,<1", "erlen-sessions==0.1.0")
    meta.write_text(pinned)

    refused = repo.release("bump", "erlen-sessions", "minor")

    assert refused.returncode == 1
    assert 'packages/erlen/pyproject.toml requires "erlen-sessions==0.1.0"' in refused.stderr
