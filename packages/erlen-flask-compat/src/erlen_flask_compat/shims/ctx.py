"""``flask.ctx``: erlen-contexts."""

from __future__ import annotations

from erlen_contexts import after_this_request as after_this_request
from erlen_contexts import AppContext as AppContext
from erlen_contexts import copy_current_request_context as copy_current_request_context
from erlen_contexts import has_app_context as has_app_context
from erlen_contexts import has_request_context as has_request_context
from erlen_contexts import RequestContext as RequestContext
from erlen_flask_compat.ctx import FlaskAppCtxGlobals as _AppCtxGlobals

__all__ = [
    "AppContext",
    "RequestContext",
    "_AppCtxGlobals",
    "after_this_request",
    "copy_current_request_context",
    "has_app_context",
    "has_request_context",
]
