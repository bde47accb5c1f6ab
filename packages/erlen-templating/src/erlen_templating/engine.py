"""Rendering through the app's Jinja environment, with Flask's signals."""

from __future__ import annotations

import typing as t

from jinja2 import TemplatesNotFound

from .loaders import DispatchingJinjaLoader

if t.TYPE_CHECKING:
    from collections.abc import Iterator

    import jinja2

    from erlen import Erlen


class JinjaEngine:
    """The ``TemplateEngine`` of one app: renders with its Jinja environment.

    Core has already built the context (defaults and context processors);
    this looks the template up, sends ``before_render_template`` and
    ``template_rendered`` when someone listens, and renders.
    """

    def __init__(self, app: Erlen, environment: jinja2.Environment) -> None:
        self.app = app
        #: The environment ``app.jinja_env`` returns.
        self.environment = environment

    def render(
        self, template_name_or_list: str | list[str], context: dict[str, t.Any]
    ) -> str:
        """Render the first template of ``template_name_or_list`` that exists."""
        return self._render(self.get_template(template_name_or_list), context)

    def render_string(self, source: str, context: dict[str, t.Any]) -> str:
        """Render template ``source``; it escapes HTML, as a string template has no name."""
        return self._render(self.environment.from_string(source), context)

    def stream(
        self, template_name_or_list: str | list[str], context: dict[str, t.Any]
    ) -> Iterator[str]:
        """Render a named template piece by piece, for a streamed response."""
        return self._stream(self.get_template(template_name_or_list), context)

    def stream_string(self, source: str, context: dict[str, t.Any]) -> Iterator[str]:
        """Render ``source`` piece by piece."""
        return self._stream(self.environment.from_string(source), context)

    def get_template(self, template_name_or_list: str | list[str]) -> jinja2.Template:
        """The compiled template, loaded once and cached by Jinja.

        :raise jinja2.TemplateNotFound: no template of that name (or none of
            the list) exists; the message says where Erlen looked.
        """
        environment = self.environment
        try:
            # A list of names is a valid list of names-or-templates.
            names = t.cast("str | list[str | jinja2.Template]", template_name_or_list)
            return environment.get_or_select_template(names)
        except TemplatesNotFound as e:
            loader = environment.loader
            # Jinja's own message for a list does not say where it looked.
            if e.templates and isinstance(loader, DispatchingJinjaLoader):
                raise loader.not_found([str(name) for name in e.templates]) from None
            raise

    def _before(self, template: jinja2.Template, context: dict[str, t.Any]) -> None:
        signal = self.app.signals.before_render_template
        if signal.receivers:
            app = self.app
            signal.send(
                app, _async_wrapper=app.ensure_sync, template=template, context=context
            )

    def _rendered(self, template: jinja2.Template, context: dict[str, t.Any]) -> None:
        signal = self.app.signals.template_rendered
        if signal.receivers:
            app = self.app
            signal.send(
                app, _async_wrapper=app.ensure_sync, template=template, context=context
            )

    def _render(self, template: jinja2.Template, context: dict[str, t.Any]) -> str:
        self._before(template, context)
        rendered = template.render(context)
        self._rendered(template, context)
        return rendered

    def _stream(
        self, template: jinja2.Template, context: dict[str, t.Any]
    ) -> Iterator[str]:
        self._before(template, context)

        def generate() -> Iterator[str]:
            yield from template.generate(context)
            self._rendered(template, context)

        return generate()
