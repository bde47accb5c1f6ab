"""Flask's name for the ``g`` namespace."""

from __future__ import annotations

from erlen_contexts import app_ctx_var
from erlen_contexts import AppCtxGlobals


class FlaskAppCtxGlobals(AppCtxGlobals):
    """Erlen's ``g``, which calls itself ``flask.g`` in its repr."""

    def __repr__(self) -> str:
        ctx = app_ctx_var.get(None)
        if ctx is not None:
            return f"<flask.g of {getattr(ctx.app, 'name', ctx.app)!r}>"
        return object.__repr__(self)
