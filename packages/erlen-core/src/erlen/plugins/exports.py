"""Names of the ``erlen`` module that plugins provide.

``from erlen import flash`` loads the sessions plugin on first use and
returns its ``flash``. A signal with no signals plugin installed resolves to
a :class:`~erlen.plugins.signals.NullSignal`, which sends nothing.
"""

from __future__ import annotations

import typing as t

from .errors import MissingPluginError
from .signals import hub
from .signals import SIGNAL_NAMES

#: Which slot owns each plugin-provided name of the ``erlen`` module.
EXPORTS: t.Final[dict[str, str]] = {
    "flash": "sessions",
    "get_flashed_messages": "sessions",
    "get_template_attribute": "templating",
    **{name: "signals" for name in SIGNAL_NAMES},
}


def resolve_export(name: str) -> t.Any:
    """Return the object the ``erlen`` module exposes as ``name``.

    :raise AttributeError: ``name`` is not a plugin-provided name.
    :raise MissingPluginError: no installed plugin provides it.
    """
    slot = EXPORTS.get(name)
    if slot is None:
        raise AttributeError(f"module 'erlen' has no attribute {name!r}")
    # Here, not at the top: tools probe modules for names they lack
    # (``__all__`` for a star import, ``__wrapped__``), and those probes
    # should not load the registry.
    from ._registry import registry
    from .slots import SLOTS

    plugin = registry.load(slot)
    if slot == "signals":
        return getattr(hub, name)
    value = getattr(plugin, name, None)
    if value is None:
        raise MissingPluginError(
            f"'erlen.{name}' is provided by a {slot} plugin, and the installed"
            f" one does not offer it. Install Erlen's with:"
            f" {SLOTS[slot].install_hint}"
            if plugin is not None
            else f"'erlen.{name}' needs a {slot} plugin, and none is installed."
            f" Install Erlen's with: {SLOTS[slot].install_hint}"
        )
    return value
