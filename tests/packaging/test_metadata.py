"""Every distribution under packages/ can be released on its own.

These read the files a release is built from, so a broken package fails here
in milliseconds rather than at release time or on a user's machine.
"""

from __future__ import annotations

import re
import sys
import typing as t
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.version import Version

from erlen.plugins.slots import SLOTS

if sys.version_info >= (3, 11):
    import tomllib
else:  # tomllib is new in 3.11; tomli is the same parser, on PyPI
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[2]
META = "erlen"
#: Not part of the stack the meta distribution installs: it changes what
#: ``import flask`` means, so only those who want that install it.
COMPAT = "erlen-flask-compat"
#: Second backends for a slot, which an app opts into: the whole stack has
#: the first-party one, and installing two would make apps choose.
OPT_IN = {"erlen-sessions-redis"}
FOUNDATION = {META, "erlen-core", "erlen-contexts"}
DISTRIBUTIONS = sorted(
    path.name
    for path in (ROOT / "packages").iterdir()
    if path.is_dir() and not path.name.startswith(".")
)
CODE_DISTRIBUTIONS = [name for name in DISTRIBUTIONS if name != META]
PLUGINS = [name for name in DISTRIBUTIONS if name not in FOUNDATION | {COMPAT}]


def pyproject(name: str) -> dict[str, t.Any]:
    with open(ROOT / "packages" / name / "pyproject.toml", "rb") as file:
        return tomllib.load(file)


def version(name: str) -> str:
    """Read the version the way hatch's default version source does."""
    path = (
        ROOT / "packages" / name / pyproject(name)["tool"]["hatch"]["version"]["path"]
    )
    match = re.search(
        r"""^__version__\s*=\s*['"]([^'"]+)['"]""", path.read_text(), re.M
    )
    assert match, f"{path} has no __version__ line"
    return match[1]


def requirements(name: str) -> list[Requirement]:
    """The dependencies of ``name`` and of all its extras."""
    project = pyproject(name)["project"]
    lines = list(project.get("dependencies", []))
    for extra in project.get("optional-dependencies", {}).values():
        lines.extend(extra)
    return [Requirement(line) for line in lines]


@pytest.mark.parametrize("name", DISTRIBUTIONS)
@pytest.mark.parametrize(
    "file", ["pyproject.toml", "README.md", "CHANGES.md", "LICENSE.txt"]
)
def test_package_has_the_files_a_release_needs(name: str, file: str) -> None:
    assert (ROOT / "packages" / name / file).is_file()


@pytest.mark.parametrize("name", DISTRIBUTIONS)
def test_folder_is_named_after_its_distribution(name: str) -> None:
    # tools/release and the release tags go by the folder name.
    assert pyproject(name)["project"]["name"] == name


@pytest.mark.parametrize("name", DISTRIBUTIONS)
def test_licence_is_an_exact_copy_of_the_root_licence(name: str) -> None:
    package = ROOT / "packages" / name
    assert (package / "LICENSE.txt").read_bytes() == (ROOT / "LICENSE.txt").read_bytes()
    # A path outside the package builds a wheel twine rejects (trap 6).
    assert pyproject(name)["project"]["license-files"] == ["LICENSE.txt"]


@pytest.mark.parametrize("name", DISTRIBUTIONS)
def test_version_file_holds_a_normalized_version(name: str) -> None:
    # Normalized, so the tag, the file names and the index all agree.
    assert str(Version(version(name))) == version(name)


@pytest.mark.parametrize("name", DISTRIBUTIONS)
def test_changes_start_with_unreleased_or_the_version(name: str) -> None:
    # The layout `tools/release bump` writes and `tools/release` checks.
    text = (ROOT / "packages" / name / "CHANGES.md").read_text()
    assert text.startswith("# Changes\n")
    top = re.search(r"^## +(.+)$", text, re.M)
    assert top, "CHANGES.md has no '## ' section"
    assert top[1] in {"Unreleased", f"Version {version(name)}"}
    latest = re.search(r"^## +Version +(\S+)", text, re.M)
    assert latest is None or latest[1] == version(name)


@pytest.mark.parametrize("name", DISTRIBUTIONS)
def test_metadata_version_is_2_4(name: str) -> None:
    targets = pyproject(name)["tool"]["hatch"]["build"]["targets"]
    # hatchling >= 1.32 writes 2.5, which older installers reject (trap 8).
    assert targets["wheel"]["core-metadata-version"] == "2.4"
    assert targets["sdist"]["core-metadata-version"] == "2.4"


@pytest.mark.parametrize("name", CODE_DISTRIBUTIONS)
def test_import_package_is_typed(name: str) -> None:
    packages = pyproject(name)["tool"]["hatch"]["build"]["targets"]["wheel"]["packages"]
    assert packages
    for package in packages:
        assert (ROOT / "packages" / name / package / "py.typed").is_file()


def test_meta_distribution_builds_without_code() -> None:
    wheel = pyproject(META)["tool"]["hatch"]["build"]["targets"]["wheel"]
    # Without it hatchling finds nothing to put in the wheel (trap 1).
    assert wheel["bypass-selection"] is True
    assert not (ROOT / "packages" / META / "src").exists()


def test_meta_distribution_requires_every_other_distribution() -> None:
    names = sorted(req.name for req in requirements(META))
    assert names == sorted(set(DISTRIBUTIONS) - {META, COMPAT} - OPT_IN)


def test_core_declares_an_extra_for_every_slot_and_async() -> None:
    extras = pyproject("erlen-core")["project"]["optional-dependencies"]
    assert set(extras) == {
        "sessions",
        "templating",
        "signals",
        "cli",
        "testing",
        "asgi",
        "async",
        "redis",
    }
    assert [Requirement(line).name for line in extras["async"]] == ["asgiref"]


@pytest.mark.parametrize("slot", sorted(SLOTS))
def test_core_extra_installs_the_slot_distribution(slot: str) -> None:
    # The "pip install erlen-core[...]" hint in core's errors must work.
    extras = pyproject("erlen-core")["project"]["optional-dependencies"]
    names = [Requirement(line).name for line in extras[SLOTS[slot].extra]]
    assert names == [SLOTS[slot].distribution]


def sibling_requirements() -> list[tuple[str, Requirement]]:
    """Every requirement one distribution here places on another."""
    return [
        (name, req)
        for name in DISTRIBUTIONS
        for req in requirements(name)
        if req.name in DISTRIBUTIONS
    ]


@pytest.mark.parametrize(
    ("name", "req"), sibling_requirements(), ids=lambda value: str(value)
)
def test_siblings_are_required_up_to_their_next_major(
    name: str, req: Requirement
) -> None:
    # Never a pin, which would make releasing one piece block or downgrade
    # another; an upper bound at the next major, where the public API may
    # break (docs/releasing.md). The lower bound names a release that exists.
    bounds = {spec.operator: Version(spec.version) for spec in req.specifier}
    assert set(bounds) == {">=", "<"}, f"{name} requires {req}"
    assert bounds[">="] <= Version(version(req.name)), f"{name} requires {req}"
    upper = bounds["<"]
    assert upper.major > bounds[">="].major, f"{name} requires {req}"
    assert upper == Version(str(upper.major)), f"{name} requires {req}"


@pytest.mark.parametrize("name", PLUGINS + [COMPAT])
def test_distribution_admits_the_workspace_version_of_each_sibling(
    name: str,
) -> None:
    # The workspace environment installs every folder as it is: a range that
    # excludes a sibling's current version makes it unsolvable.
    for req in requirements(name):
        if req.name in DISTRIBUTIONS:
            assert req.specifier.contains(version(req.name)), f"{name}: {req}"


#: Third-party libraries whose internals Erlen relies on, and the one line of
#: each that it is tested with (docs/internals.md).
BOUNDED = {"werkzeug": ">=3.1.9,<3.2", "itsdangerous": ">=2.2,<2.3"}


@pytest.mark.parametrize("name", CODE_DISTRIBUTIONS)
def test_libraries_whose_internals_are_used_are_bounded(name: str) -> None:
    for req in requirements(name):
        if req.name in BOUNDED:
            assert req.specifier == SpecifierSet(BOUNDED[req.name]), f"{name}: {req}"


@pytest.mark.parametrize("name", PLUGINS)
def test_plugin_requires_core(name: str) -> None:
    dependencies = map(Requirement, pyproject(name)["project"]["dependencies"])
    assert "erlen-core" in {req.name for req in dependencies}


def test_compat_requires_the_whole_stack() -> None:
    # Flask's API spans every plugin slot, so the compat layer needs them all.
    dependencies = map(Requirement, pyproject(COMPAT)["project"]["dependencies"])
    assert META in {req.name for req in dependencies}
