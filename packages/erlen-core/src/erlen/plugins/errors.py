"""Errors raised while finding, loading and using plugins."""

from __future__ import annotations


class PluginError(RuntimeError):
    """Base class of every plugin error."""


class MissingPluginError(PluginError):
    """A feature was used whose slot no installed plugin fills.

    The message names the distribution to install.
    """


class UnknownPluginError(PluginError, LookupError):
    """A plugin was chosen by a name that no installed plugin has."""


class AmbiguousPluginError(PluginError):
    """Several third-party plugins fill one slot and none was chosen."""


class InvalidPluginError(PluginError, TypeError):
    """A plugin does not implement the protocol of the slot it claims."""


class IncompatiblePluginError(InvalidPluginError):
    """A plugin was built for a version of its slot's contract this core lacks.

    The message names the plugin, its distribution and version, both
    contract versions and the ``pip`` command that fixes it.

    :param built_for: the contract version the plugin implements.
    :param offered: the contract version this core implements.
    """

    def __init__(self, message: str, built_for: str, offered: str) -> None:
        super().__init__(message)
        self.built_for = built_for
        self.offered = offered


class SlotScopeError(PluginError, ValueError):
    """A process-wide slot was chosen for one application only."""
