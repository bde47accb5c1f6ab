"""An app that failed to load under a reloader, kept to be raised on each request.

Under ``erlen run``'s reloader (Werkzeug's, or uvicorn's with ``--asgi``), an
edit that breaks the app must not end the process that serves it: the
reloader would have no server to restart into until the next change, and
requests would get no answer. The server instead serves an app that raises
the load error on every request, so its traceback shows in the terminal (and,
with Werkzeug's debugger, in the browser) until an edit fixes it.
"""

from __future__ import annotations

import traceback
import typing as t


def report_load_error(error: Exception) -> t.Callable[[], t.NoReturn]:
    """Print ``error``'s traceback; return a function that raises it again.

    Each call of the returned function raises ``error`` with the traceback it
    had here: raising the same object again would append the request's frames
    to its traceback, and each error page would render (and print) a longer
    one than the last.
    """
    traceback.print_exception(type(error), error, error.__traceback__)
    error_traceback = error.__traceback__

    def raise_again() -> t.NoReturn:
        raise error.with_traceback(error_traceback) from None

    return raise_again
