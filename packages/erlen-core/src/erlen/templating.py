"""Rendering templates through whichever templating plugin the app uses.

These functions build the template context (defaults plus context
processors) and hand it to ``current_app.template_engine``, so they work the
same with any engine. Without a templating plugin they raise an error that
names the distribution to install.
"""

from __future__ import annotations

import typing as t

from erlen_contexts import app_ctx_var
from erlen_contexts import request_ctx_var
from erlen_contexts import stream_with_context

if t.TYPE_CHECKING:
    from collections.abc import Iterator

    from .app import Erlen


def _prepare(needed_by: str, context: dict[str, t.Any]) -> Erlen:
    ctx = app_ctx_var.get(None)
    if ctx is None:
        raise RuntimeError(
            f"{needed_by} needs an active application context, to find the"
            " app's templates. Call it in a view, or inside"
            " 'with app.app_context():'."
        )
    app: Erlen = ctx.app  # type: ignore[assignment]
    app.update_template_context(context)
    return app


def render_template(template_name_or_list: str | list[str], **context: t.Any) -> str:
    """Render the named template (or the first of a list that exists)."""
    app = _prepare("render_template", context)
    return app.template_engine.render(template_name_or_list, context)


def render_template_string(source: str, **context: t.Any) -> str:
    """Render a template given as a string."""
    app = _prepare("render_template_string", context)
    return app.template_engine.render_string(source, context)


def _keep_request(stream: Iterator[str]) -> Iterator[str]:
    """Keep the request context alive while a streamed template renders."""
    if request_ctx_var.get(None) is not None:
        return stream_with_context(stream)
    return stream


def stream_template(
    template_name_or_list: str | list[str], **context: t.Any
) -> Iterator[str]:
    """Render a named template piece by piece, as a response body."""
    app = _prepare("stream_template", context)
    return _keep_request(app.template_engine.stream(template_name_or_list, context))


def stream_template_string(source: str, **context: t.Any) -> Iterator[str]:
    """Render a template string piece by piece, as a response body."""
    app = _prepare("stream_template_string", context)
    return _keep_request(app.template_engine.stream_string(source, context))
