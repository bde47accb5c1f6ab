"""``flask.logging``."""

from __future__ import annotations

from erlen.logging import create_logger as create_logger
from erlen.logging import default_handler as default_handler
from erlen.logging import has_level_handler as has_level_handler
from erlen.logging import wsgi_errors_stream as wsgi_errors_stream
