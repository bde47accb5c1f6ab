"""``flask.wrappers``."""

from __future__ import annotations

from erlen.wrappers import Request as Request
from erlen.wrappers import Response as Response
