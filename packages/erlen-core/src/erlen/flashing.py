"""Flash messages: a note stored in the session now, shown on a later page.

Messages are kept under the session key ``_flashes`` as ``(category,
message)`` tuples, as Flask keeps them, so flashes survive a move between
Flask and Erlen. They work with any session backend, since they only go
through ``session``: a sessions plugin only has to implement the
sessions contract for flashing to work.
"""

from __future__ import annotations

import typing as t

from erlen_contexts import app_ctx_var
from erlen_contexts import request_ctx
from erlen_contexts import session

if t.TYPE_CHECKING:
    from collections.abc import Container

    from .app import Erlen

_FLASHES = "_flashes"


def flash(message: str, category: str = "message") -> None:
    """Store ``message`` for the next request that calls :func:`get_flashed_messages`.

    Sends the ``message_flashed`` signal when anybody listens to it.

    :param message: the text to show; ``Markup`` stays safe HTML.
    :param category: any string; ``"message"``, ``"error"``, ``"info"`` and
        ``"warning"`` are the usual ones.
    """
    flashes = session.get(_FLASHES, [])
    flashes.append((category, message))
    # Assigned again (not only appended to) so the session sees the change.
    session[_FLASHES] = flashes
    app = t.cast("Erlen", app_ctx_var.get().app)
    signal = app.signals.message_flashed
    if signal.receivers:
        signal.send(
            app, _async_wrapper=app.ensure_sync, message=message, category=category
        )


def get_flashed_messages(
    with_categories: bool = False, category_filter: Container[str] = ()
) -> list[str] | list[tuple[str, str]]:
    """Take the flashed messages out of the session and return them.

    The first call in a request removes them from the session; later calls
    in the same request return the same messages again.

    :param with_categories: return ``(category, message)`` tuples instead of
        messages.
    :param category_filter: return only messages of these categories.
    """
    flashes = request_ctx.flashes
    if flashes is None:
        flashes = session.pop(_FLASHES) if _FLASHES in session else []
        request_ctx.flashes = flashes
    if category_filter:
        flashes = [item for item in flashes if item[0] in category_filter]
    if with_categories:
        return flashes
    return [message for _, message in flashes]
