"""The ``templating`` slot: rendering named templates and strings.

The contract is engine-neutral. Core builds the template context (the
``config``, ``request``, ``session``, ``g`` and ``url_for`` defaults plus
the application's and blueprints' context processors) and hands it to the
engine, so every engine sees the same names.
"""

from __future__ import annotations

import typing as t

from .contracts import ContractVersion
from .contracts import optional

if t.TYPE_CHECKING:
    from collections.abc import Iterator

    from ..app import Erlen


class TemplateEngine(t.Protocol):
    """Renders templates for one application.

    It is checked against this protocol when the plugin creates it. An
    engine built on Jinja also offers ``environment``, its Jinja
    environment, which ``app.jinja_env`` returns; another engine leaves it
    out, and ``app.jinja_env`` then says so.
    """

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


#: The version of the templating contract this core implements (see
#: :mod:`erlen.plugins.contracts`); a plugin states the one it was built for.
CONTRACT_VERSION: t.Final = ContractVersion(1, 0)


@t.runtime_checkable
class TemplatingPlugin(t.Protocol):
    """What a templating plugin implements.

    Register the object under ``[project.entry-points."erlen.templating"]``.
    """

    #: The version of the contract the plugin implements, ``"MAJOR.MINOR"``.
    contract_version: str

    def create_engine(self, app: Erlen) -> TemplateEngine:
        """Return the engine ``app`` renders with; called once per app."""
        ...

    # Flask's Jinja names (``app.jinja_env``, ``app.jinja_loader``,
    # ``app.create_jinja_environment()`` ...) delegate to these. An engine
    # other than Jinja leaves them out, and those names then say so.

    @optional
    def create_environment(self, app: Erlen) -> t.Any:
        """Return a new Jinja environment for ``app``: ``app.create_jinja_environment()``."""
        ...

    @optional
    def create_global_loader(self, app: Erlen) -> t.Any:
        """Return the loader of ``app``'s environment, searching the app's
        templates, then each blueprint's: ``app.create_global_jinja_loader()``."""
        ...

    @optional
    def create_loader(self, scaffold: t.Any) -> t.Any:
        """Return the loader of one app's or blueprint's ``template_folder``,
        or ``None`` without one: ``app.jinja_loader``, ``blueprint.jinja_loader``."""
        ...
