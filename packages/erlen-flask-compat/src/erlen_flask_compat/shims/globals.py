"""``flask.globals``: the context variables and proxies of erlen-contexts.

Flask names its context variables ``_cv_app`` and ``_cv_request``, and
extensions read them; here they are erlen-contexts' public variables.
"""

# Flask's module holds these names, used or not: they are its namespace.
# ruff: noqa: F401

from __future__ import annotations

import typing as t
from contextvars import ContextVar

from werkzeug.local import LocalProxy

from erlen_contexts import app_ctx as app_ctx
from erlen_contexts import app_ctx_var as _cv_app
from erlen_contexts import current_app as current_app
from erlen_contexts import g as g
from erlen_contexts import request as request
from erlen_contexts import request_ctx as request_ctx
from erlen_contexts import request_ctx_var as _cv_request
from erlen_contexts import session as session
from erlen_contexts.globals import NO_APP_CONTEXT as _no_app_msg
from erlen_contexts.globals import NO_REQUEST_CONTEXT as _no_req_msg

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
