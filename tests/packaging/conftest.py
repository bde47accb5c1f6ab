"""Copies of the repository that ``tools/release`` can build in.

Each copy holds the packages, the tools and the licence, so the tests build
exactly what a release builds without writing into the working tree, where a
developer's own ``dist`` folders live and other test runs may be building.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import typing as t
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
_IGNORE = shutil.ignore_patterns("dist", "build", "__pycache__", "*.egg-info")


@dataclass(frozen=True)
class RepoCopy:
    """A copy of the repository and the release tool inside it."""

    root: Path

    def package(self, name: str) -> Path:
        """The folder of distribution ``name``."""
        return self.root / "packages" / name

    def release(self, *args: str) -> subprocess.CompletedProcess[str]:
        """Run this copy's ``tools/release`` with ``args``; never raises."""
        return subprocess.run(
            [sys.executable, str(self.root / "tools" / "release"), *args],
            capture_output=True,
            text=True,
            check=False,
        )


def copy_repo(dest: Path) -> RepoCopy:
    """Copy what a release reads into ``dest``, leaving build output behind."""
    for folder in ("packages", "tools"):
        shutil.copytree(ROOT / folder, dest / folder, ignore=_IGNORE)
    for file in ("LICENSE.txt", ".gitignore"):
        shutil.copy2(ROOT / file, dest / file)
    return RepoCopy(dest)


@pytest.fixture(scope="session")
def repo_copier() -> t.Callable[[Path], RepoCopy]:
    """Make copies from fixtures of any scope."""
    return copy_repo


@pytest.fixture
def repo(tmp_path: Path) -> RepoCopy:
    """A fresh copy for one test, free to modify."""
    return copy_repo(tmp_path / "repo")
