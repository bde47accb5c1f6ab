"""Fixtures shared by several test folders.

``make_app`` and ``make_blueprint`` build apps and blueprints rooted in the
folder of the requesting test, so each folder's ``templates/`` (and other
template folders next to its tests) are found.
"""

from __future__ import annotations

import typing as t

import pytest

from erlen import Blueprint
from erlen import Erlen


class AppFactory(t.Protocol):
    def __call__(self, **kwargs: t.Any) -> Erlen: ...


class BlueprintFactory(t.Protocol):
    def __call__(self, name: str, folder: str | None, **kwargs: t.Any) -> Blueprint: ...


@pytest.fixture
def test_folder(request: pytest.FixtureRequest) -> tuple[str, str]:
    """The requesting test's folder, and an import name after it
    (``tests/erlen_templating`` gives ``templating_tests``)."""
    folder = request.path.parent
    return str(folder), f"{folder.name.removeprefix('erlen_')}_tests"


@pytest.fixture
def make_app(test_folder: tuple[str, str]) -> AppFactory:
    """Make an app rooted in the test's folder, with templates in ``templates/``."""
    root, name = test_folder

    def make(**kwargs: t.Any) -> Erlen:
        app = Erlen(name, root_path=root, **kwargs)

        @app.get("/")
        def index() -> str:
            return "index"

        return app

    return make


@pytest.fixture
def make_blueprint(test_folder: tuple[str, str]) -> BlueprintFactory:
    """Make a blueprint rooted in the test's folder, with templates in ``folder``."""
    root, import_name = test_folder

    def make(name: str, folder: str | None, **kwargs: t.Any) -> Blueprint:
        return Blueprint(
            name, import_name, template_folder=folder, root_path=root, **kwargs
        )

    return make
