"""The Jinja environment of an application."""

from __future__ import annotations

import typing as t
from collections import ChainMap

import jinja2
from jinja2.runtime import new_context

from erlen import g
from erlen import get_flashed_messages
from erlen import request
from erlen import session

if t.TYPE_CHECKING:
    from jinja2.runtime import Context

    from erlen import Erlen


class Template(jinja2.Template):
    """A template whose globals are merged with dict copies on each render.

    Jinja copies a template's globals, a :class:`~collections.ChainMap`,
    into each render's context key by key in Python; merging the chain's
    dicts is much faster and gives the same names.
    """

    def new_context(
        self,
        vars: dict[str, t.Any] | None = None,
        shared: bool = False,
        locals: t.Mapping[str, t.Any] | None = None,
    ) -> Context:
        globals = self.globals
        maps = globals.maps if isinstance(globals, ChainMap) else [globals]
        flat: dict[str, t.Any] = {}
        for mapping in reversed(maps):
            flat.update(mapping)
        return new_context(
            self.environment, self.name, self.blocks, vars, shared, flat, locals
        )


class Environment(jinja2.Environment):
    """A Jinja environment that belongs to one application.

    It finds templates in the app's and blueprints' folders, sees the
    filters, tests and globals registered on the app (before or after it
    was created: it reads the app's registries, it does not copy them), and
    follows ``TEMPLATES_AUTO_RELOAD`` and debug mode as they change.

    :param app: the application.
    :param options: Jinja's environment options (``app.jinja_options``).
    """

    template_class = Template

    def __init__(self, app: Erlen, **options: t.Any) -> None:
        if "loader" not in options:
            options["loader"] = app.create_global_jinja_loader()
        # Jinja assigns auto_reload in its __init__, through the property
        # below; only an explicit option should pin it.
        auto_reload = options.pop("auto_reload", None)
        super().__init__(**options)
        self._auto_reload: bool | None = auto_reload
        self.app = app
        self.globals.update(_erlen_globals(app))
        self.policies["json.dumps_function"] = _json_dumps(app)
        # Writes through these maps (``app.jinja_env.filters["x"] = f``)
        # land in the app's registries, so both views always agree.
        self.filters = ChainMap[str, t.Any](app.template_filters, self.filters)  # type: ignore[assignment]
        self.tests = ChainMap[str, t.Any](app.template_tests, self.tests)  # type: ignore[assignment]
        self.globals = ChainMap[str, t.Any](app.template_globals, self.globals)  # type: ignore[assignment]

    def make_globals(
        self, d: t.MutableMapping[str, t.Any] | None
    ) -> ChainMap[str, t.Any]:
        """The globals of one template: ``d`` over the environment's.

        One flat chain of dicts, which :meth:`Template.new_context` merges
        at C speed; a chain nested in the chain would be copied key by key.
        """
        globals: t.MutableMapping[str, t.Any] = self.globals
        maps = globals.maps if isinstance(globals, ChainMap) else [globals]
        return ChainMap({} if d is None else d, *maps)

    @property
    def auto_reload(self) -> bool:
        """Whether to check template files for changes before reusing them.

        Unless set explicitly (``jinja_options`` or assignment), it follows
        ``app.templates_auto_reload``, which follows debug mode.
        """
        if self._auto_reload is not None:
            return self._auto_reload
        return self.app.templates_auto_reload

    @auto_reload.setter
    def auto_reload(self, value: bool) -> None:
        self._auto_reload = value


def _erlen_globals(app: Erlen) -> dict[str, t.Any]:
    """The names every template and macro sees, as in Flask."""
    return {
        "url_for": app.url_for,
        "config": app.config,
        "request": request,
        "session": session,
        "g": g,
        # Core's: flashing works with whichever sessions plugin the app uses.
        "get_flashed_messages": get_flashed_messages,
    }


def _json_dumps(app: Erlen) -> t.Callable[..., str]:
    """The ``tojson`` filter's serializer: whatever ``app.json`` is now."""

    def dumps(obj: t.Any, **kwargs: t.Any) -> str:
        return app.json.dumps(obj, **kwargs)

    return dumps


def create_environment(app: Erlen) -> jinja2.Environment:
    """Create a Jinja environment for ``app`` from its options.

    ``app.jinja_options`` are passed on; autoescaping defaults to
    ``app.select_jinja_autoescape``; the class is ``app.jinja_environment``
    when set.
    """
    options = dict(app.jinja_options)
    options.setdefault("autoescape", app.select_jinja_autoescape)
    environment_class = app.jinja_environment or Environment
    return environment_class(app, **options)
