"""Blueprints, with the file serving and CLI group an application has."""

from __future__ import annotations

import typing as t

from werkzeug.utils import cached_property

from .resources import PackageResources
from .sansio.blueprints import Blueprint as SansioBlueprint
from .sansio.blueprints import BlueprintSetupState as BlueprintSetupState
from .template_host import TemplateFolder


class Blueprint(TemplateFolder, PackageResources, SansioBlueprint):
    """A group of routes, hooks and handlers, registered on an app later.

    See :class:`erlen.sansio.blueprints.Blueprint` for the arguments.
    """

    @cached_property
    def cli(self) -> t.Any:
        """The blueprint's command group, from the CLI plugin.

        Its commands join the app's CLI under ``cli_group`` when the
        blueprint is registered.
        """
        from .plugins._registry import registry

        plugin = registry.require("cli", needed_by="blueprint.cli")
        return plugin.create_blueprint_group(self)  # type: ignore[attr-defined]
