"""Names of the ``erlen`` module that plugins provide.

``from erlen import get_template_attribute`` loads the templating plugin on
first use and returns its function. A signal with no signals plugin installed resolves to
a :class:`~erlen.plugins.signals.NullSignal`, which sends nothing.
"""

from __future__ import annotations

import typing as t

from .errors import MissingPluginError
from .signals import hub
from .signals import SIGNAL_NAMES

if t.TYPE_CHECKING:
    from ._registry import Registry

#: Which slot owns each plugin-provided name of the ``erlen`` module.
EXPORTS: t.Final[dict[str, str]] = {
    "get_template_attribute": "templating",
    "websocket": "asgi",
    **{name: "signals" for name in SIGNAL_NAMES},
}


def resolve_export(name: str) -> t.Any:
    """Return the object the ``erlen`` module exposes as ``name``.

    A function whose plugin is missing resolves to a stand-in that raises
    :exc:`MissingPluginError` when called: ``from erlen import ...`` at the
    top of a module must not break that module's import, and a plugin
    registered later is found by the next call.

    :raise AttributeError: ``name`` is not a plugin-provided name.
    """
    slot = EXPORTS.get(name)
    if slot is None:
        raise AttributeError(f"module 'erlen' has no attribute {name!r}")
    if slot == "signals":
        _registry().load(slot)
        return getattr(hub, name)
    try:
        return _plugin_function(name, slot)
    except MissingPluginError:

        def unavailable(*args: t.Any, **kwargs: t.Any) -> t.Any:
            return _plugin_function(name, slot)(*args, **kwargs)

        unavailable.__name__ = unavailable.__qualname__ = name
        return unavailable


def _plugin_function(name: str, slot: str) -> t.Any:
    """The function ``name`` of the plugin serving ``slot``.

    :raise MissingPluginError: no plugin serves the slot, or it lacks ``name``.
    """
    from .slots import SLOTS

    plugin = _registry().load(slot)
    value = getattr(plugin, name, None)
    if value is not None:
        return value
    hint = SLOTS[slot].install_hint
    if plugin is None:
        raise MissingPluginError(
            f"'erlen.{name}' needs a {slot} plugin, and none is installed."
            f" Install Erlen's with: {hint}"
        )
    raise MissingPluginError(
        f"'erlen.{name}' is provided by a {slot} plugin, and the one in use"
        f" does not offer it. Install Erlen's with: {hint}"
    )


def _registry() -> Registry:
    # Imported here, not at the top: tools probe modules for names they
    # lack (``__all__`` for a star import, ``__wrapped__``), and those
    # probes should not load the registry.
    from ._registry import registry

    return registry
