"""The object that fills the ``cli`` slot of the plugin registry."""

from __future__ import annotations

import typing as t

from .groups import AppGroup
from .testing import ErlenCliRunner

if t.TYPE_CHECKING:
    from erlen.app import Erlen
    from erlen.blueprints import Blueprint


class ClickCliPlugin:
    """Give apps and blueprints click command groups (:class:`AppGroup`).

    Commands added with ``@app.cli.command()`` run inside an app context.
    A blueprint's group is named and attached to the app's when the
    blueprint is registered, by core, according to ``cli_group``.
    """

    contract_version = "1.0"

    def create_app_group(self, app: Erlen) -> AppGroup:
        """The group behind ``app.cli``, named after the app."""
        return AppGroup(name=app.name)

    def create_blueprint_group(self, blueprint: Blueprint) -> AppGroup:
        """The group behind ``blueprint.cli``, named when it is registered."""
        return AppGroup()

    def create_test_runner(self, app: Erlen, **kwargs: t.Any) -> ErlenCliRunner:
        """The runner behind ``app.test_cli_runner()``."""
        return ErlenCliRunner(app, **kwargs)


#: Registered under ``[project.entry-points."erlen.cli"]`` as ``click``.
plugin = ClickCliPlugin()
