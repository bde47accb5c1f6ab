"""The ``signals`` slot: lifecycle notifications, free when unused.

Core sends every lifecycle signal through :data:`hub`. Until a signals
plugin is loaded, each of the hub's signals is a :class:`NullSignal` with no
receivers, so sending costs one truth test. Loading the plugin (through
``from erlen import request_started``, or by importing it) binds the hub to
the plugin's signals. Nobody can have connected a receiver before that, so
nothing is missed. Signals are process-wide, as in Flask.
"""

from __future__ import annotations

import typing as t
from types import MappingProxyType

from .contracts import ContractVersion
from .errors import MissingPluginError

#: The signals core sends, by name, with Flask's names and meanings.
SIGNAL_NAMES: t.Final = (
    "appcontext_popped",
    "appcontext_pushed",
    "appcontext_tearing_down",
    "before_render_template",
    "got_request_exception",
    "message_flashed",
    "request_finished",
    "request_started",
    "request_tearing_down",
    "template_rendered",
)


class Signal(t.Protocol):
    """The part of a signal that core uses."""

    # Read-only, so any mapping type satisfies it (Blinker's is a dict).
    @property
    def receivers(self) -> t.Mapping[t.Any, t.Any]: ...

    def send(self, sender: t.Any, /, **kwargs: t.Any) -> t.Any: ...


#: The version of the signals contract this core implements (see
#: :mod:`erlen.plugins.contracts`); a plugin states the one it was built for.
CONTRACT_VERSION: t.Final = ContractVersion(1, 0)


@t.runtime_checkable
class SignalsPlugin(t.Protocol):
    """What a signals plugin implements.

    Register the object under ``[project.entry-points."erlen.signals"]``.
    """

    #: The version of the contract the plugin implements, ``"MAJOR.MINOR"``.
    contract_version: str

    def signal(self, name: str) -> Signal:
        """Return the process-wide signal called ``name``, the same each time."""
        ...


class NullSignal:
    """A signal nobody can listen to; sending it does nothing."""

    receivers: t.Mapping[t.Any, t.Any] = MappingProxyType({})

    def __init__(self, name: str) -> None:
        self.name = name

    def send(self, sender: t.Any = None, /, **kwargs: t.Any) -> list[t.Any]:
        """Do nothing: there are no receivers."""
        return []

    def connect(self, *args: t.Any, **kwargs: t.Any) -> t.NoReturn:
        """Refuse, naming the missing distribution: a receiver would never run."""
        raise MissingPluginError(
            f"Cannot connect to the '{self.name}' signal: no signals plugin is"
            " installed, so it is never sent. Install one with: pip install"
            ' "erlen-core[signals]"'
        )

    connect_via = connected_to = connect

    def __repr__(self) -> str:
        return f"<NullSignal {self.name!r}>"


class SignalHub:
    """The signals core sends, as attributes named like Flask's signals."""

    appcontext_popped: Signal
    appcontext_pushed: Signal
    appcontext_tearing_down: Signal
    before_render_template: Signal
    got_request_exception: Signal
    message_flashed: Signal
    request_finished: Signal
    request_started: Signal
    request_tearing_down: Signal
    template_rendered: Signal

    def __init__(self) -> None:
        self.unbind()

    def bind(self, plugin: SignalsPlugin) -> None:
        """Send through ``plugin``'s signals from now on."""
        for name in SIGNAL_NAMES:
            setattr(self, name, plugin.signal(name))

    def unbind(self) -> None:
        """Go back to sending nothing."""
        for name in SIGNAL_NAMES:
            setattr(self, name, NullSignal(name))


#: The hub every application sends its lifecycle signals through.
hub = SignalHub()
