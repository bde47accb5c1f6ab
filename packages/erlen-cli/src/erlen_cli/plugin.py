"""The object that fills the ``cli`` slot of the plugin registry."""

from __future__ import annotations

import typing as t

from .groups import AppGroup

if t.TYPE_CHECKING:
    from erlen.app import Erlen
    from erlen.blueprints import Blueprint


class ClickCliPlugin:
    """Give apps and blueprints click command groups (:class:`AppGroup`).

    Commands added with ``@app.cli.command()`` run inside an app context.
    A blueprint's group is named and attached to the app's when the
    blueprint is registered, by core, according to ``cli_group``.
    """

    def create_app_group(self, app: Erlen) -> AppGroup:
        """The group behind ``app.cli``."""
        return AppGroup()

    def create_blueprint_group(self, blueprint: Blueprint) -> AppGroup:
        """The group behind ``blueprint.cli``, named when it is registered."""
        return AppGroup()


#: Registered under ``[project.entry-points."erlen.cli"]`` as ``click``.
plugin = ClickCliPlugin()
