"""The plugin registry: which distribution fills each replaceable slot.

The slots are ``sessions``, ``templating``, ``signals``, ``cli`` and
``testing``. Each has a protocol, defined in the module of the same name in
this package, that a plugin implements; a distribution offers a plugin by
declaring an entry point in the group ``erlen.<slot>``::

    [project.entry-points."erlen.sessions"]
    redis = "my_sessions:plugin"

An application uses, for each slot: an object assigned on the app itself
(``app.session_interface = ...``); else the plugin chosen by name with
``Erlen(__name__, plugins={"sessions": "redis"})`` or the config key
``PLUGINS``; else the only one installed; else Erlen's own among several.
"""

from .errors import AmbiguousPluginError as AmbiguousPluginError
from .errors import InvalidPluginError as InvalidPluginError
from .errors import MissingPluginError as MissingPluginError
from .errors import PluginError as PluginError
from .errors import UnknownPluginError as UnknownPluginError
from .registry import PluginInfo as PluginInfo
from .registry import Registry as Registry
from .registry import registry as registry
from .signals import hub as _signal_hub
from .slots import Slot as Slot
from .slots import SLOTS as SLOTS

registry.on_load("signals", _signal_hub.bind)  # type: ignore[arg-type]

available = registry.available
register = registry.register
unregister = registry.unregister
