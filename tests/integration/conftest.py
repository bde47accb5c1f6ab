"""Apps whose templates are the folders next to this file.

The same fixtures as tests/erlen_templating's, for the tests moved here
because they also need a sibling plugin or a fixture plugin.
"""

from __future__ import annotations

import typing as t
from pathlib import Path

import pytest
from werkzeug.test import Client

from erlen import Blueprint
from erlen import Erlen

HERE = str(Path(__file__).parent)


class AppFactory(t.Protocol):
    def __call__(self, **kwargs: t.Any) -> Erlen: ...


class BlueprintFactory(t.Protocol):
    def __call__(self, name: str, folder: str | None, **kwargs: t.Any) -> Blueprint: ...


@pytest.fixture
def make_app() -> AppFactory:
    """Make an app rooted here, with its templates in ``templates/``."""

    def make(**kwargs: t.Any) -> Erlen:
        app = Erlen("integration_tests", root_path=HERE, **kwargs)

        @app.get("/")
        def index() -> str:
            return "index"

        return app

    return make


@pytest.fixture
def make_blueprint() -> BlueprintFactory:
    """Make a blueprint rooted here, with its templates in ``folder``."""

    def make(name: str, folder: str | None, **kwargs: t.Any) -> Blueprint:
        return Blueprint(
            name, "integration_tests", template_folder=folder, root_path=HERE, **kwargs
        )

    return make


@pytest.fixture
def app(make_app: AppFactory) -> Erlen:
    return make_app()


@pytest.fixture
def client(app: Erlen) -> Client:
    return Client(app)
