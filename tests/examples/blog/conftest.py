"""Fixtures for the example blog: a fresh app on a temporary database.

The blog is an example, not an installed distribution, so its folder is put
on ``sys.path`` here, as ``examples/blog/serve.py`` does for the server; so
is this folder, for the tests' helper module ``visitor``.
"""

from __future__ import annotations

import sys
import typing as t
from collections.abc import Generator
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
BLOG = HERE.parents[2] / "examples" / "blog"
sys.path[:0] = [str(BLOG), str(HERE)]

from blog import create_app  # noqa: E402
from visitor import Visitor  # noqa: E402

from erlen import Erlen  # noqa: E402


@pytest.fixture
def app(tmp_path: Path) -> Erlen:
    """The blog with an empty database of its own, created on start-up."""
    return create_app(
        {
            "TESTING": True,
            "DATABASE": str(tmp_path / "blog.sqlite"),
            "SECRET_KEY": "test",
        }
    )


@pytest.fixture
def visitor(client: t.Any) -> Visitor:
    return Visitor(client)


@pytest.fixture
def author(visitor: Visitor) -> Visitor:
    """A visitor logged in as ``ada``."""
    visitor.register()
    visitor.log_in()
    return visitor


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """Keep each phase's report on the test, where the browser fixture
    looks to decide whether to save a screenshot."""
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report
