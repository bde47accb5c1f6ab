"""Flask's name for the ``g`` namespace."""

from __future__ import annotations

from erlen_contexts import AppCtxGlobals
from erlen_contexts.globals import _cv_app


class FlaskAppCtxGlobals(AppCtxGlobals):
    """Erlen's ``g``, which calls itself ``flask.g`` in its repr."""

    def __repr__(self) -> str:
        ctx = _cv_app.get(None)
        if ctx is not None:
            return f"<flask.g of {getattr(ctx.app, 'name', ctx.app)!r}>"
        return object.__repr__(self)
