"""``flask.globals``: the context variables and proxies of erlen-contexts."""

from __future__ import annotations

from erlen_contexts.globals import _cv_app as _cv_app
from erlen_contexts.globals import _cv_request as _cv_request
from erlen_contexts.globals import app_ctx as app_ctx
from erlen_contexts.globals import current_app as current_app
from erlen_contexts.globals import g as g
from erlen_contexts.globals import request as request
from erlen_contexts.globals import request_ctx as request_ctx
from erlen_contexts.globals import session as session

__all__ = [
    "_cv_app",
    "_cv_request",
    "app_ctx",
    "current_app",
    "g",
    "request",
    "request_ctx",
    "session",
]
