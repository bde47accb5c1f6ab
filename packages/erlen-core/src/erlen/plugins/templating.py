"""The ``templating`` slot: rendering named templates and strings.

The contract is engine-neutral. Core builds the template context (the
``config``, ``request``, ``session``, ``g`` and ``url_for`` defaults plus
the application's and blueprints' context processors) and hands it to the
engine, so every engine sees the same names.
"""

from __future__ import annotations

import typing as t

if t.TYPE_CHECKING:
    from collections.abc import Iterator

    from ..app import Erlen


class TemplateEngine(t.Protocol):
    """Renders templates for one application."""

    def render(
        self, template_name_or_list: str | list[str], context: dict[str, t.Any]
    ) -> str:
        """Render the first template of ``template_name_or_list`` that exists."""
        ...

    def render_string(self, source: str, context: dict[str, t.Any]) -> str:
        """Render template ``source`` given as a string."""
        ...

    def stream(
        self, template_name_or_list: str | list[str], context: dict[str, t.Any]
    ) -> Iterator[str]:
        """Render a named template piece by piece, for a streamed response."""
        ...

    def stream_string(self, source: str, context: dict[str, t.Any]) -> Iterator[str]:
        """Render ``source`` piece by piece."""
        ...


@t.runtime_checkable
class TemplatingPlugin(t.Protocol):
    """What a templating plugin implements.

    Register the object under ``[project.entry-points."erlen.templating"]``.
    """

    def create_engine(self, app: Erlen) -> TemplateEngine:
        """Return the engine ``app`` renders with; called once per app."""
        ...
