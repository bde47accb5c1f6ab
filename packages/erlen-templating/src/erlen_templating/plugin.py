"""The object that fills Erlen's ``templating`` slot with Jinja."""

from __future__ import annotations

import typing as t

from erlen import current_app

from .engine import JinjaEngine
from .environment import create_environment
from .loaders import create_loader
from .loaders import DispatchingJinjaLoader

if t.TYPE_CHECKING:
    import jinja2

    from erlen import Erlen


def get_template_attribute(template_name: str, attribute: str) -> t.Any:
    """Return a macro or variable a template defines, to call it from Python.

    ``get_template_attribute("_macros.html", "hello")("World")`` renders
    the ``hello`` macro. Needs an application context.
    """
    template = current_app.jinja_env.get_template(template_name)  # type: ignore[attr-defined]
    return getattr(template.module, attribute)


class JinjaTemplating:
    """Fills the ``templating`` slot: one Jinja environment per app.

    Besides the slot's protocol it offers the helpers core's Jinja-named
    API delegates to: ``app.create_jinja_environment()`` calls
    :meth:`create_environment`, ``app.jinja_loader`` and
    ``blueprint.jinja_loader`` call :meth:`create_loader`.
    """

    contract_version = "1.0"

    get_template_attribute = staticmethod(get_template_attribute)

    def create_engine(self, app: Erlen) -> JinjaEngine:
        """The engine of ``app``, around ``app.create_jinja_environment()``."""
        return JinjaEngine(app, app.create_jinja_environment())

    def create_environment(self, app: Erlen) -> jinja2.Environment:
        """A new Jinja environment for ``app``."""
        return create_environment(app)

    def create_global_loader(self, app: Erlen) -> DispatchingJinjaLoader:
        """The loader of ``app``'s environment: the app's folder, then blueprints'."""
        return DispatchingJinjaLoader(app)

    def create_loader(self, scaffold: t.Any) -> jinja2.BaseLoader | None:
        """The loader of an app's or blueprint's ``template_folder``."""
        return create_loader(scaffold)


#: The plugin object the ``erlen.templating`` entry point names.
plugin = JinjaTemplating()
