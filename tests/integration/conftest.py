"""An app whose templates are the folders next to this file (see tests/conftest.py).

The tests here need a sibling plugin or a fixture plugin besides their own.
"""

from __future__ import annotations

import typing as t

import pytest
from werkzeug.test import Client

from erlen import Erlen

if t.TYPE_CHECKING:
    from ..conftest import AppFactory


@pytest.fixture
def app(make_app: AppFactory) -> Erlen:
    return make_app()


@pytest.fixture
def client(app: Erlen) -> Client:
    return Client(app)
