"""The ``cli`` slot: the command groups of applications and blueprints."""

from __future__ import annotations

import typing as t

from .contracts import ContractVersion

if t.TYPE_CHECKING:
    from ..app import Erlen
    from ..blueprints import Blueprint


#: The version of the cli contract this core implements (see
#: :mod:`erlen.plugins.contracts`); a plugin states the one it was built for.
CONTRACT_VERSION: t.Final = ContractVersion(1, 0)


@t.runtime_checkable
class CliPlugin(t.Protocol):
    """What a CLI plugin implements.

    Register the object under ``[project.entry-points."erlen.cli"]``.
    The groups it returns need ``add_command``, ``command`` and a
    ``commands`` mapping, as a :class:`click.Group` has.
    """

    #: The version of the contract the plugin implements, ``"MAJOR.MINOR"``.
    contract_version: str

    def create_app_group(self, app: Erlen) -> t.Any:
        """Return the command group exposed as ``app.cli``."""
        ...

    def create_test_runner(self, app: Erlen, **kwargs: t.Any) -> t.Any:
        """Return the runner behind ``app.test_cli_runner(**kwargs)``.

        It invokes the app's commands in-process, finding the app as the
        command line would.
        """
        ...

    def create_blueprint_group(self, blueprint: Blueprint) -> t.Any:
        """Return the command group exposed as ``blueprint.cli``."""
        ...
