"""What the package index shows of each distribution works there.

A README becomes the distribution's page on the index, where a relative
link points nowhere; ``[project.urls]`` gives the page its sidebar links.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

PACKAGES = sorted(Path(__file__).resolve().parents[2].glob("packages/*/pyproject.toml"))
HOME = "https://github.com/erlen-project/erlen"
#: Markdown links and images: the target of ``[text](target)``.
_LINK = re.compile(r"\]\(([^)\s]+)")


@pytest.mark.parametrize("pyproject", PACKAGES, ids=lambda path: path.parent.name)
def test_readme_links_are_absolute(pyproject: Path) -> None:
    readme = (pyproject.parent / "README.md").read_text(encoding="utf-8")
    relative = [
        target
        for target in _LINK.findall(readme)
        if not target.startswith(("https://", "http://", "#", "mailto:"))
    ]
    assert relative == []


@pytest.mark.parametrize("pyproject", PACKAGES, ids=lambda path: path.parent.name)
def test_project_urls(pyproject: Path) -> None:
    with open(pyproject, "rb") as file:
        urls = tomllib.load(file)["project"].get("urls", {})
    assert set(urls) == {"Documentation", "Source", "Changelog", "Issues"}
    assert all(url.startswith(HOME) for url in urls.values())
