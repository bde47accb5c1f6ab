"""``flask.testing``: erlen-testing's client and builder."""

from __future__ import annotations

from erlen_flask_compat.testing import FlaskCliRunner as FlaskCliRunner
from erlen_testing import EnvironBuilder as EnvironBuilder
from erlen_testing import ErlenClient as FlaskClient

__all__ = ["EnvironBuilder", "FlaskCliRunner", "FlaskClient"]
