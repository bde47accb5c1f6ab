"""The application logger and its default handler."""

from __future__ import annotations

import logging
import sys
import typing as t

from werkzeug.local import LocalProxy

from erlen_contexts import request_ctx_var

if t.TYPE_CHECKING:
    from .sansio.app import App


def _wsgi_errors_stream() -> t.TextIO:
    """The WSGI server's error stream during a request, else stderr."""
    ctx = request_ctx_var.get(None)
    if ctx is not None:
        return ctx.request.environ["wsgi.errors"]  # type: ignore[no-any-return]
    return sys.stderr


#: Where the default handler writes: the server's log during requests.
wsgi_errors_stream: t.TextIO = LocalProxy(_wsgi_errors_stream)  # type: ignore[assignment]

#: The handler added to an app's logger when nothing would print its errors.
default_handler = logging.StreamHandler(wsgi_errors_stream)
default_handler.setFormatter(
    logging.Formatter("[%(asctime)s] %(levelname)s in %(module)s: %(message)s")
)


def has_level_handler(logger: logging.Logger) -> bool:
    """Whether some handler on the way up would emit ``logger``'s records."""
    level = logger.getEffectiveLevel()
    current: logging.Logger | None = logger
    while current is not None:
        if any(handler.level <= level for handler in current.handlers):
            return True
        if not current.propagate:
            break
        current = current.parent
    return False


def create_logger(app: App) -> logging.Logger:
    """Return the logger named after the app, set up so errors are seen.

    In debug mode it logs debug messages. The default handler is added only
    when no configured handler would show the app's messages, so a logging
    setup made before the app is created is respected.
    """
    logger = logging.getLogger(app.name)
    if app.debug and not logger.level:
        logger.setLevel(logging.DEBUG)
    if not has_level_handler(logger):
        logger.addHandler(default_handler)
    return logger
