"""``flask.logging``."""

# Flask's module holds these names, used or not: they are its namespace.
# ruff: noqa: F401

from __future__ import annotations

import logging
import sys
import typing as t

from werkzeug.local import LocalProxy

from erlen.logging import create_logger as create_logger
from erlen.logging import default_handler as default_handler
from erlen.logging import has_level_handler as has_level_handler
from erlen.logging import wsgi_errors_stream as wsgi_errors_stream
from erlen_contexts import request as request
