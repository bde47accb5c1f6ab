"""``flask.views``."""

# Flask's module holds these names, used or not: they are its namespace.
# ruff: noqa: F401

from __future__ import annotations

import typing as t

from flask import typing as ft  # type: ignore[import-not-found]

from erlen.sansio.scaffold import F as F
from erlen.views import HTTP_METHOD_FUNCS as http_method_funcs
from erlen.views import MethodView as MethodView
from erlen.views import View as View
from erlen_contexts import current_app as current_app
from erlen_contexts import request as request

__all__ = ["MethodView", "View", "http_method_funcs"]
