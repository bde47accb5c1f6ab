"""Flask's Jinja-named template API on apps and blueprints, without Jinja.

Flask users reach the template engine through ``app.jinja_env``,
``app.jinja_loader``, ``app.create_jinja_environment()`` and friends. Core
must not import Jinja, so each name here only delegates: to the engine the
templating plugin created, or to a helper the plugin offers
(``create_environment(app)``, ``create_loader(scaffold)``). A plugin for
another engine simply lacks those helpers, and the names then raise an error
that says so. The pure-configuration parts (autoescape by file name,
``TEMPLATES_AUTO_RELOAD``) live here, so every engine can use them.
"""

from __future__ import annotations

import typing as t

from werkzeug.utils import cached_property

from erlen_contexts import app_ctx_var

if t.TYPE_CHECKING:
    from .plugins.templating import TemplateEngine
    from .sansio.app import App
    from .sansio.scaffold import Scaffold

    _ScaffoldBase = Scaffold
    _AppBase = App
else:
    _ScaffoldBase = _AppBase = object

#: File name endings whose templates escape HTML in their values.
AUTOESCAPE_EXTENSIONS: t.Final = (".html", ".htm", ".xml", ".xhtml", ".svg")


def _jinja_helper(plugin: object, attribute: str, used: str) -> t.Any:
    """Return the plugin's Jinja-specific helper, or explain its absence."""
    helper = getattr(plugin, attribute, None)
    if helper is None:
        raise AttributeError(
            f"{used} belongs to Jinja, and the templating plugin in use"
            f" ({type(plugin).__module__}) does not use Jinja: it has no"
            f" '{attribute}'. Use that plugin's own API, or choose Erlen's"
            " Jinja plugin (pip install erlen-templating) with"
            " Erlen(__name__, plugins={'templating': 'jinja'})."
        )
    return helper


class TemplateFolder(_ScaffoldBase):
    """The Jinja loader of an app's or a blueprint's ``template_folder``."""

    def _templating_plugin(self, needed_by: str) -> object:
        # A blueprint's loader is asked for while an app renders, so the
        # app being served decides; outside any app, the default plugin.
        ctx = app_ctx_var.get(None)
        if ctx is not None:
            return ctx.app.require_plugin("templating", needed_by=needed_by)  # type: ignore[attr-defined]
        from .plugins._registry import registry

        return registry.require("templating", needed_by=needed_by)

    @cached_property
    def jinja_loader(self) -> t.Any:
        """The Jinja loader for ``template_folder``; ``None`` without one.

        Override it to load this object's templates some other way; the
        app's environment asks it before each blueprint's.
        """
        if self.template_folder is None:
            return None
        plugin = self._templating_plugin("jinja_loader")
        return _jinja_helper(plugin, "create_loader", "jinja_loader")(self)


class TemplateHost(TemplateFolder, _AppBase):
    """The application's side: one environment, its options and policies."""

    #: Keyword arguments for the Jinja environment, read when it is
    #: created. Assign a new dict (or override it in a subclass) before the
    #: first render; mutating it would change every app.
    jinja_options: dict[str, t.Any] = {}
    #: The Jinja environment class; ``None`` uses the plugin's own, which
    #: subclasses should extend.
    jinja_environment: type[t.Any] | None = None

    if t.TYPE_CHECKING:
        template_engine: TemplateEngine

        def require_plugin(self, slot: str, needed_by: str) -> t.Any: ...

    def _templating_plugin(self, needed_by: str) -> object:
        return self.require_plugin("templating", needed_by=needed_by)

    @property
    def jinja_env(self) -> t.Any:
        """The app's Jinja environment, created on first use."""
        return _jinja_helper(self.template_engine, "environment", "app.jinja_env")

    def create_jinja_environment(self) -> t.Any:
        """Create a new Jinja environment for this app.

        The templating plugin calls it once to make :attr:`jinja_env`;
        override it to adjust that environment.
        """
        plugin = self._templating_plugin("create_jinja_environment()")
        create = _jinja_helper(
            plugin, "create_environment", "create_jinja_environment()"
        )
        return create(self)

    def create_global_jinja_loader(self) -> t.Any:
        """Create the loader of the app's Jinja environment.

        By default it searches the app's ``template_folder``, then each
        blueprint's; override it to load every template some other way.
        """
        plugin = self._templating_plugin("create_global_jinja_loader()")
        create = _jinja_helper(
            plugin, "create_global_loader", "create_global_jinja_loader()"
        )
        return create(self)

    def select_jinja_autoescape(self, filename: str | None) -> bool:
        """Whether a template escapes HTML in values, by its file name.

        Templates given as strings (``filename`` is ``None``) escape, as do
        files ending in :data:`AUTOESCAPE_EXTENSIONS`.
        """
        if filename is None:
            return True
        return filename.endswith(AUTOESCAPE_EXTENSIONS)

    @property
    def templates_auto_reload(self) -> bool:
        """Whether changed template files are reloaded: ``TEMPLATES_AUTO_RELOAD``,
        else on in debug mode."""
        value = self.config["TEMPLATES_AUTO_RELOAD"]
        return self.debug if value is None else bool(value)

    @templates_auto_reload.setter
    def templates_auto_reload(self, value: bool) -> None:
        self.config["TEMPLATES_AUTO_RELOAD"] = value
