"""``flask.ctx``: erlen-contexts."""

# Flask's module holds these names, used or not: they are its namespace.
# ruff: noqa: F401

from __future__ import annotations

import contextvars
import sys
import typing as t
from functools import update_wrapper
from types import TracebackType

from flask import typing as ft  # type: ignore[import-not-found]
from werkzeug.exceptions import HTTPException

from erlen_contexts import after_this_request as after_this_request
from erlen_contexts import app_ctx_var as _cv_app
from erlen_contexts import AppContext as AppContext
from erlen_contexts import copy_current_request_context as copy_current_request_context
from erlen_contexts import has_app_context as has_app_context
from erlen_contexts import has_request_context as has_request_context
from erlen_contexts import request_ctx_var as _cv_request
from erlen_contexts import RequestContext as RequestContext
from erlen_contexts.helpers import F as F
from erlen_flask_compat.ctx import FlaskAppCtxGlobals as _AppCtxGlobals
from erlen_signals import appcontext_popped as appcontext_popped
from erlen_signals import appcontext_pushed as appcontext_pushed

__all__ = [
    "AppContext",
    "RequestContext",
    "_AppCtxGlobals",
    "after_this_request",
    "copy_current_request_context",
    "has_app_context",
    "has_request_context",
]
