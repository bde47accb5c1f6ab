"""The plugin registry: which distribution fills each replaceable slot.

The slots are ``sessions``, ``templating``, ``signals``, ``cli``,
``testing`` and ``asgi``. Each has a protocol, defined in the module of the same name in
this package, that a plugin implements, and a contract version that the
plugin states (:mod:`.contracts`); a distribution offers a plugin by
declaring an entry point in the group ``erlen.<slot>``::

    [project.entry-points."erlen.sessions"]
    redis = "my_sessions:plugin"

An application uses, for each slot: an object assigned on the app itself
(``app.session_interface = ...``); else the plugin chosen by name with
``Erlen(__name__, plugins={"sessions": "redis"})`` or the config key
``PLUGINS``; else the plugin chosen for the process with
``erlen.plugins.registry.choose(slot, name)``; else the only one
installed; else Erlen's own among several. ``signals`` is process-wide:
one plugin serves every application, so only the process may choose it.
"""

from __future__ import annotations

import typing as t

from .errors import AmbiguousPluginError as AmbiguousPluginError
from .errors import IncompatiblePluginError as IncompatiblePluginError
from .errors import InvalidPluginError as InvalidPluginError
from .errors import MissingPluginError as MissingPluginError
from .errors import PluginError as PluginError
from .errors import SlotScopeError as SlotScopeError
from .errors import UnknownPluginError as UnknownPluginError

if t.TYPE_CHECKING:
    from ._registry import PluginInfo as PluginInfo
    from ._registry import Registry as Registry
    from ._registry import registry as registry
    from .slots import Slot as Slot
    from .slots import SLOTS as SLOTS

    available = registry.available
    register = registry.register
    unregister = registry.unregister

#: Names served from :mod:`._registry` and :mod:`.slots` on first use: the
#: core imports this package for its protocols while starting, and an app
#: that never looks a plugin up never needs the registry, its slot table or
#: the protocol of every slot (several milliseconds of start-up).
_REGISTRY_NAMES = {"PluginInfo", "Registry", "registry"}
_REGISTRY_METHODS = {"available", "register", "unregister"}
_SLOT_NAMES = {"Slot", "SLOTS"}


def __getattr__(name: str) -> t.Any:
    if name in _REGISTRY_NAMES or name in _REGISTRY_METHODS:
        from . import _registry

        owner: t.Any = _registry.registry if name in _REGISTRY_METHODS else _registry
    elif name in _SLOT_NAMES:
        from . import slots

        owner = slots
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = globals()[name] = getattr(owner, name)
    return value
