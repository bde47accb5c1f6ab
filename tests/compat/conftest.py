"""Flask apps and extensions on Erlen: ``import flask`` means Erlen in these tests.

They run in the ``compat`` hatch environment (``hatch run compat:test``),
which has the Flask extensions installed without the real Flask. Installing
erlen-flask-compat is all the opt-in they need.
"""

from __future__ import annotations

import importlib.util

import pytest

_EXTENSIONS = ("flask_login", "flask_wtf", "flask_sqlalchemy", "flask_cors")


def pytest_configure(config: pytest.Config) -> None:
    missing = [name for name in _EXTENSIONS if importlib.util.find_spec(name) is None]
    if missing:
        raise pytest.UsageError(
            f"tests/compat needs the Flask extensions {', '.join(missing)}, which"
            " only the compat hatch environment installs (without the real"
            " Flask). Run them with: hatch run compat:test"
        )
