"""``tools/release`` builds and checks one distribution and nothing else.

Each test runs the tool in its own copy of the repository (see conftest.py),
the way a maintainer runs it: as a program, reading its output.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import typing as t
import zipfile
from pathlib import Path

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:  # tomllib is new in 3.11; tomli is the same parser, on PyPI
    import tomli as tomllib

if t.TYPE_CHECKING:
    from conftest import RepoCopy

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
CONTEXTS = "erlen-contexts"


def version(repo: RepoCopy, name: str) -> str:
    """Read the version file the package's pyproject.toml names."""
    pyproject = tomllib.loads((repo.package(name) / "pyproject.toml").read_text())
    path = repo.package(name) / pyproject["tool"]["hatch"]["version"]["path"]
    match = re.search(r'__version__ = "(.+)"', path.read_text())
    assert match
    return match[1]


def set_top_section(repo: RepoCopy, name: str, heading: str) -> None:
    changes = repo.package(name) / "CHANGES.md"
    changes.write_text(changes.read_text().replace("## Unreleased", heading, 1))


def test_release_tool_is_an_executable_script() -> None:
    tool = ROOT / "tools" / "release"
    assert os.access(tool, os.X_OK)
    assert tool.read_text().startswith("#!/usr/bin/env python3\n")


def test_release_builds_a_checked_wheel_and_sdist(repo: RepoCopy) -> None:
    v = version(repo, CONTEXTS)
    dist = repo.package(CONTEXTS) / "dist"
    dist.mkdir()
    (dist / "erlen_contexts-0.0.1-py3-none-any.whl").write_text("stale")

    done = repo.release(CONTEXTS)

    assert done.returncode == 0, done.stderr
    # The stale artifact is gone: only this release could be uploaded.
    assert sorted(p.name for p in dist.iterdir()) == [
        f"erlen_contexts-{v}-py3-none-any.whl",
        f"erlen_contexts-{v}.tar.gz",
    ]
    assert "twine check --strict: passed" in done.stdout
    assert f"Tag to push: erlen-contexts-{v}" in done.stdout


def test_wheel_carries_licence_typing_marker_and_metadata_2_4(repo: RepoCopy) -> None:
    v = version(repo, CONTEXTS)
    assert repo.release(CONTEXTS).returncode == 0
    wheel = repo.package(CONTEXTS) / "dist" / f"erlen_contexts-{v}-py3-none-any.whl"
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        metadata = archive.read(f"erlen_contexts-{v}.dist-info/METADATA").decode()
    assert f"erlen_contexts-{v}.dist-info/licenses/LICENSE.txt" in names
    assert "erlen_contexts/py.typed" in names
    assert metadata.startswith("Metadata-Version: 2.4\n")


def test_release_leaves_other_packages_alone(repo: RepoCopy) -> None:
    core_dist = repo.package("erlen-core") / "dist"
    core_dist.mkdir()
    (core_dist / "keep.txt").write_text("a developer's own build")
    others = [p for p in (repo.root / "packages").iterdir() if p.name != CONTEXTS]
    before = {p: sorted(p.rglob("*")) for p in others}

    assert repo.release(CONTEXTS).returncode == 0

    assert {p: sorted(p.rglob("*")) for p in others} == before
    assert (core_dist / "keep.txt").read_text() == "a developer's own build"


def test_unreleased_changes_warn_to_name_the_version(repo: RepoCopy) -> None:
    v = version(repo, CONTEXTS)
    done = repo.release(CONTEXTS)
    assert done.returncode == 0
    assert f'has no "## Version {v}" section yet' in done.stderr
    assert f"`tools/release bump {CONTEXTS} {v}`" in done.stderr


def test_changes_named_after_the_version_release_without_warning(
    repo: RepoCopy,
) -> None:
    set_top_section(repo, CONTEXTS, f"## Version {version(repo, CONTEXTS)}")
    done = repo.release(CONTEXTS)
    assert done.returncode == 0
    assert done.stderr == ""


def test_changes_naming_another_version_stop_the_release(repo: RepoCopy) -> None:
    set_top_section(repo, CONTEXTS, "## Version 0.0.9")
    done = repo.release(CONTEXTS)
    assert done.returncode == 1
    assert '"## Version 0.0.9"' in done.stderr
    assert f"run `tools/release bump {CONTEXTS} {version(repo, CONTEXTS)}`" in done.stderr
    assert not (repo.package(CONTEXTS) / "dist").exists()


def test_a_licence_that_drifted_stops_the_release(repo: RepoCopy) -> None:
    licence = repo.package(CONTEXTS) / "LICENSE.txt"
    licence.write_text(licence.read_text() + "\nA clause nobody agreed to.\n")
    done = repo.release(CONTEXTS)
    assert done.returncode == 1
    assert "packages/erlen-contexts/LICENSE.txt" in done.stderr
    assert "cp LICENSE.txt packages/erlen-contexts/LICENSE.txt" in done.stderr
    assert not (repo.package(CONTEXTS) / "dist").exists()


def test_a_file_missing_from_the_sdist_stops_the_release(repo: RepoCopy) -> None:
    # Built from this sdist, the wheel would lack a module without any error:
    # what pip does on a machine no wheel fits.
    pyproject = repo.package(CONTEXTS) / "pyproject.toml"
    sdist_table = "[tool.hatch.build.targets.sdist]\n"
    pyproject.write_text(
        pyproject.read_text().replace(
            sdist_table, sdist_table + 'exclude = ["src/erlen_contexts/globals.py"]\n'
        )
    )
    done = repo.release(CONTEXTS)
    assert done.returncode == 1
    assert "differs from the one built from the source tree" in done.stderr
    assert "in erlen_contexts/globals.py: the sdist leaves out" in done.stderr
    # Nothing that failed a check is left for `twine upload dist/*`.
    assert not (repo.package(CONTEXTS) / "dist").exists()


def test_a_symlinked_licence_stops_the_release(repo: RepoCopy) -> None:
    licence = repo.package(CONTEXTS) / "LICENSE.txt"
    licence.unlink()
    licence.symlink_to(Path("..", "..", "LICENSE.txt"))
    done = repo.release(CONTEXTS)
    assert done.returncode == 1
    assert "packages/erlen-contexts/LICENSE.txt is a symlink" in done.stderr
    assert not (repo.package(CONTEXTS) / "dist").exists()


def test_readme_that_pypi_cannot_render_stops_the_release(repo: RepoCopy) -> None:
    pyproject = repo.package(CONTEXTS) / "pyproject.toml"
    broken = (
        'readme = {text = "Title\\n===\\n\\n`unclosed", content-type = "text/x-rst"}'
    )
    text = pyproject.read_text()
    pyproject.write_text(text.replace('readme = "README.md"', broken))
    done = repo.release(CONTEXTS)
    assert done.returncode == 1
    assert "twine --no-color check --strict" in done.stderr
    assert "FAILED" in done.stderr
    assert not (repo.package(CONTEXTS) / "dist").exists()


def test_missing_build_tools_name_the_fix(repo: RepoCopy, tmp_path: Path) -> None:
    bare = tmp_path / "bare"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", bare], check=True)
    tool = repo.root / "tools" / "release"
    done = subprocess.run(
        [bare / "bin" / "python", tool, CONTEXTS],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert "hatchling and twine are not installed" in done.stderr
    assert "`hatch run tools/release <distribution>`" in done.stderr
    assert "`python -m pip install hatchling twine`" in done.stderr
    assert not (repo.package(CONTEXTS) / "dist").exists()


def test_unknown_distribution_suggests_the_close_name(repo: RepoCopy) -> None:
    done = repo.release("erlen-cor")
    assert done.returncode == 1
    assert 'There is no distribution "erlen-cor"' in done.stderr
    assert 'Did you mean "erlen-core"?' in done.stderr
    assert not list(repo.root.glob("packages/*/dist"))


@pytest.mark.parametrize("args", [[], ["--list", "erlen-core"]])
def test_one_distribution_or_list_is_required(repo: RepoCopy, args: list[str]) -> None:
    done = repo.release(*args)
    assert done.returncode == 2
    assert "name one distribution to release, or pass --list" in done.stderr


def test_list_prints_every_distribution_with_its_version(repo: RepoCopy) -> None:
    done = repo.release("--list")
    assert done.returncode == 0
    listed = dict(line.split() for line in done.stdout.splitlines())
    folders = sorted(p.parent.name for p in repo.root.glob("packages/*/pyproject.toml"))
    assert sorted(listed) == folders
    assert listed == {name: version(repo, name) for name in folders}
