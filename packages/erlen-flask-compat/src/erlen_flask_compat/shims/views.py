"""``flask.views``."""

from __future__ import annotations

from erlen.views import HTTP_METHOD_FUNCS as http_method_funcs
from erlen.views import MethodView as MethodView
from erlen.views import View as View

__all__ = ["MethodView", "View", "http_method_funcs"]
