"""``flask.globals``: the context variables and proxies of erlen-contexts.

Flask names its context variables ``_cv_app`` and ``_cv_request``, and
extensions read them; here they are erlen-contexts' public variables.
"""

from __future__ import annotations

from erlen_contexts import app_ctx as app_ctx
from erlen_contexts import app_ctx_var as _cv_app
from erlen_contexts import current_app as current_app
from erlen_contexts import g as g
from erlen_contexts import request as request
from erlen_contexts import request_ctx as request_ctx
from erlen_contexts import request_ctx_var as _cv_request
from erlen_contexts import session as session

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
