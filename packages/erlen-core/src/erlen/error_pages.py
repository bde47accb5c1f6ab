"""The response for an HTTP error no handler answered: Werkzeug's error page.

The general path is Werkzeug's: the error builds its own response
(:meth:`~werkzeug.exceptions.HTTPException.get_response`), which becomes
the app's response class. With the speedups on, :func:`error_response` is
:func:`erlen.speedups.errors.error_response`, which formats the page of a
stock error once.
"""

from __future__ import annotations

import typing as t

from werkzeug.exceptions import HTTPException

from . import speedups
from .wrappers import Response

if t.TYPE_CHECKING:
    from _typeshed.wsgi import WSGIEnvironment


def error_response(
    error: HTTPException, response_class: type[Response], environ: WSGIEnvironment
) -> Response:
    """The response Werkzeug would send for ``error``, as ``response_class``."""
    return response_class.force_type(error.get_response(environ), environ)  # type: ignore[return-value]


if speedups.ENABLED:
    from .speedups import errors as _shortcut

    error_response = _shortcut.error_response
