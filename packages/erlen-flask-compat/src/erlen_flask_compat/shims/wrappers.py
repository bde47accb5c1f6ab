"""``flask.wrappers``."""

# Flask's module holds these names, used or not: they are its namespace.
# ruff: noqa: F401

from __future__ import annotations

import typing as t

from flask import json as json  # type: ignore[import-not-found]
from werkzeug.exceptions import BadRequest
from werkzeug.exceptions import HTTPException
from werkzeug.wrappers import Request as RequestBase
from werkzeug.wrappers import Response as ResponseBase

from erlen.wrappers import Request as Request
from erlen.wrappers import Response as Response
from erlen_contexts import current_app as current_app
