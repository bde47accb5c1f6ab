"""``tools/release bump`` sets the next version, or says which range forbids it.

Each test bumps a distribution in its own copy of the repository (see
conftest.py). Nothing is built, so these are fast.
"""

from __future__ import annotations

import datetime
import re
import typing as t

import pytest

if t.TYPE_CHECKING:
    from conftest import RepoCopy

SESSIONS = "erlen-sessions"


def version_in_file(repo: RepoCopy, name: str) -> str:
    """The version the package's version file holds."""
    (path,) = repo.package(name).glob("**/__about__.py")
    match = re.search(r'__version__ = "(.+)"', path.read_text())
    assert match
    return match[1]


def bump(repo: RepoCopy, name: str, step: str) -> t.Any:
    return repo.release("bump", name, step)


@pytest.mark.parametrize(
    ("step", "expected"), [("minor", "0.2.0"), ("patch", "0.1.1"), ("0.4.0", "0.4.0")]
)
def test_bump_sets_the_version_and_names_the_notes(
    repo: RepoCopy, step: str, expected: str
) -> None:
    changes = repo.package(SESSIONS) / "CHANGES.md"
    notes = changes.read_text().split("## Unreleased\n", 1)[1]

    done = bump(repo, SESSIONS, step)

    assert done.returncode == 0, done.stderr
    assert f"{SESSIONS} 0.1.0 -> {expected}" in done.stdout
    assert version_in_file(repo, SESSIONS) == expected
    today = datetime.date.today().isoformat()
    # The notes move under the version; a new, empty Unreleased opens above.
    assert changes.read_text() == (
        f"# Changes\n\n## Unreleased\n\n## Version {expected}\n\n"
        f"Released {today}\n{notes}"
    )


def test_a_version_already_named_is_not_bumped_to_again(repo: RepoCopy) -> None:
    assert bump(repo, SESSIONS, "minor").returncode == 0
    done = bump(repo, SESSIONS, "0.2.0")
    assert done.returncode == 1
    assert "already named in CHANGES.md" in done.stderr


def test_first_release_names_the_notes_of_the_current_version(
    repo: RepoCopy,
) -> None:
    # Nothing is published yet: 0.1.0 is in the file, its notes unnamed.
    done = bump(repo, "erlen-contexts", "0.1.0")
    assert done.returncode == 0, done.stderr
    text = (repo.package("erlen-contexts") / "CHANGES.md").read_text()
    assert "## Unreleased\n\n## Version 0.1.0\n" in text


def test_a_major_outside_the_plugins_ranges_is_refused(repo: RepoCopy) -> None:
    before = (repo.package("erlen-core") / "CHANGES.md").read_text()

    done = bump(repo, "erlen-core", "major")

    assert done.returncode == 1
    assert "erlen-core 1.0.0 falls outside ranges" in done.stderr
    for plugin in ("erlen-sessions", "erlen-templating", "erlen", "erlen-cli"):
        line = f'packages/{plugin}/pyproject.toml requires "erlen-core>=0.1,<1"'
        assert line in done.stderr
    assert 'Widen each range to admit 1.0.0 (e.g. "<2")' in done.stderr
    # Nothing was written.
    assert version_in_file(repo, "erlen-core") == "0.1.0"
    assert (repo.package("erlen-core") / "CHANGES.md").read_text() == before


def test_an_extra_that_excludes_the_new_plugin_version_is_named(
    repo: RepoCopy,
) -> None:
    # erlen-core's extras point at the plugins, and a resolver honours them.
    done = bump(repo, SESSIONS, "1.0.0")
    assert done.returncode == 1
    assert (
        'packages/erlen-core/pyproject.toml requires "erlen-sessions>=0.1,<1"'
        in done.stderr
    )


def test_a_major_passes_once_every_range_admits_it(repo: RepoCopy) -> None:
    for pyproject in repo.root.glob("packages/*/pyproject.toml"):
        text = pyproject.read_text()
        pyproject.write_text(text.replace('erlen-core>=0.1,<1"', 'erlen-core>=0.1,<2"'))

    done = bump(repo, "erlen-core", "major")

    assert done.returncode == 0, done.stderr
    assert version_in_file(repo, "erlen-core") == "1.0.0"


@pytest.mark.parametrize(
    ("step", "message"),
    [
        ("0.0.9", "0.0.9 would not be a new release"),
        ("soon", '"soon" is neither major, minor, patch nor a version'),
    ],
)
def test_a_version_that_is_not_newer_is_refused(
    repo: RepoCopy, step: str, message: str
) -> None:
    done = bump(repo, SESSIONS, step)
    assert done.returncode == 1
    assert message in done.stderr
    assert version_in_file(repo, SESSIONS) == "0.1.0"


def test_notes_without_unreleased_are_refused(repo: RepoCopy) -> None:
    changes = repo.package(SESSIONS) / "CHANGES.md"
    changes.write_text("# Changes\n")
    done = bump(repo, SESSIONS, "minor")
    assert done.returncode == 1
    assert 'has no "## Unreleased" section' in done.stderr
    assert 'Write what changed for users under "## Unreleased"' in done.stderr
    assert version_in_file(repo, SESSIONS) == "0.1.0"


def test_an_unknown_distribution_suggests_the_close_name(repo: RepoCopy) -> None:
    done = bump(repo, "erlen-session", "minor")
    assert done.returncode == 1
    assert 'Did you mean "erlen-sessions"?' in done.stderr
