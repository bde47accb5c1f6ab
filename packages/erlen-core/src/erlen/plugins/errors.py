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
