"""The replaceable pieces of Erlen and what filling each one takes."""

from __future__ import annotations

import typing as t
from dataclasses import dataclass


@dataclass(frozen=True)
class Slot:
    """One replaceable piece of the framework.

    :param name: the slot's name; plugins register in the entry-point group
        ``erlen.<name>``.
    :param protocol: the :class:`typing.Protocol` a plugin object implements.
    :param distribution: the first-party distribution that fills it.
    :param extra: the extra of ``erlen-core`` that installs it.
    """

    name: str
    protocol: type
    distribution: str
    extra: str

    @property
    def group(self) -> str:
        """The entry-point group plugins of this slot register in."""
        return f"erlen.{self.name}"

    @property
    def install_hint(self) -> str:
        """The command that installs the first-party plugin."""
        return f'pip install "erlen-core[{self.extra}]"'


def _slots() -> dict[str, Slot]:
    from .cli import CliPlugin
    from .sessions import SessionsPlugin
    from .signals import SignalsPlugin
    from .templating import TemplatingPlugin
    from .testing import TestingPlugin

    slots = (
        Slot("sessions", SessionsPlugin, "erlen-sessions", "sessions"),
        Slot("templating", TemplatingPlugin, "erlen-templating", "templating"),
        Slot("signals", SignalsPlugin, "erlen-signals", "signals"),
        Slot("cli", CliPlugin, "erlen-cli", "cli"),
        Slot("testing", TestingPlugin, "erlen-testing", "testing"),
    )
    return {slot.name: slot for slot in slots}


SLOTS: t.Final[dict[str, Slot]] = _slots()
