"""``flask.testing``: erlen-testing's client and builder."""

# Flask's module holds these names, used or not: they are its namespace.
# ruff: noqa: F401

from __future__ import annotations

import importlib
import typing as t
from contextlib import contextmanager
from contextlib import ExitStack
from copy import copy
from types import TracebackType
from urllib.parse import urlsplit

import werkzeug.test
from click.testing import CliRunner
from click.testing import Result
from werkzeug.test import Client
from werkzeug.wrappers import Request as BaseRequest

from erlen.plugins.sessions import SessionMixin as SessionMixin
from erlen_flask_compat.cli import ScriptInfo as ScriptInfo
from erlen_flask_compat.testing import FlaskCliRunner as FlaskCliRunner
from erlen_testing import EnvironBuilder as EnvironBuilder
from erlen_testing import ErlenClient as FlaskClient

__all__ = ["EnvironBuilder", "FlaskCliRunner", "FlaskClient"]
