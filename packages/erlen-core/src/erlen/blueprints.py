"""Blueprints, with the file serving and CLI group an application has."""

from __future__ import annotations

import typing as t

from werkzeug.utils import cached_property

from .resources import PackageResources
from .sansio.blueprints import Blueprint as SansioBlueprint
from .sansio.blueprints import BlueprintSetupState as BlueprintSetupState
from .template_host import TemplateFolder

if t.TYPE_CHECKING:
    from .sansio.app import App as SansioApp


class Blueprint(TemplateFolder, PackageResources, SansioBlueprint):
    """A group of routes, hooks and handlers, registered on an app later.

    See :class:`erlen.sansio.blueprints.Blueprint` for the arguments.
    """

    #: The CLI plugin that made :attr:`cli`, once it is made.
    _cli_plugin: object = None

    @cached_property
    def cli(self) -> t.Any:
        """The blueprint's command group, from the CLI plugin.

        Its commands join the app's CLI under ``cli_group`` when the
        blueprint is registered.
        """
        from .plugins._registry import registry

        # The blueprint belongs to no app yet: the process's default plugin
        # makes the group, and registering regroups it for the app's plugin.
        plugin = registry.require("cli", needed_by="blueprint.cli")
        self._cli_plugin = plugin
        return plugin.create_blueprint_group(self)  # type: ignore[attr-defined]

    def _cli_group_for(self, app: SansioApp, commands: t.Any) -> t.Any:
        """``commands`` in a group of the CLI plugin ``app`` uses."""
        plugin = app.require_plugin("cli", needed_by="blueprint.cli")  # type: ignore[attr-defined]
        if plugin is self._cli_plugin:
            return commands
        group = plugin.create_blueprint_group(self)
        for command in commands.commands.values():
            group.add_command(command)
        return group
