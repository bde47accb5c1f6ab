"""``flask.debughelpers``."""

# Flask's module holds these names, used or not: they are its namespace.
# ruff: noqa: F401

from __future__ import annotations

import typing as t

from jinja2.loaders import BaseLoader
from werkzeug.routing import RequestRedirect

from erlen.blueprints import Blueprint as Blueprint
from erlen.debughelpers import (
    attach_enctype_error_multidict as attach_enctype_error_multidict,
)
from erlen.debughelpers import DebugFilesKeyError as DebugFilesKeyError
from erlen.debughelpers import FormDataRoutingRedirect as FormDataRoutingRedirect
from erlen.sansio.app import App as App
from erlen_contexts import request_ctx as request_ctx
from erlen_flask_compat.names import (
    explain_template_loading_attempts as explain_template_loading_attempts,
)
from erlen_flask_compat.names import UnexpectedUnicodeError as UnexpectedUnicodeError
