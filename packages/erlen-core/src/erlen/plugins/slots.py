"""The replaceable pieces of Erlen and what filling each one takes."""

from __future__ import annotations

import typing as t
from dataclasses import dataclass

from .contracts import ContractVersion


@dataclass(frozen=True)
class Slot:
    """One replaceable piece of the framework.

    :param name: the slot's name; plugins register in the entry-point group
        ``erlen.<name>``.
    :param protocol: the :class:`typing.Protocol` a plugin object implements.
    :param distribution: the first-party distribution that fills it.
    :param extra: the extra of ``erlen-core`` that installs it.
    :param contract: the version of the protocol this core implements.
    :param per_app: whether each application chooses its own plugin. A
        process-wide slot serves every application with one plugin, and
        refuses a choice made for one application.
    """

    name: str
    protocol: type
    distribution: str
    extra: str
    contract: ContractVersion
    per_app: bool = True

    @property
    def group(self) -> str:
        """The entry-point group plugins of this slot register in."""
        return f"erlen.{self.name}"

    @property
    def install_hint(self) -> str:
        """The command that installs the first-party plugin."""
        return f'pip install "erlen-core[{self.extra}]"'


def _slots() -> dict[str, Slot]:
    from . import asgi
    from . import cli
    from . import sessions
    from . import signals
    from . import templating
    from . import testing

    slots = (
        Slot(
            "sessions",
            sessions.SessionsPlugin,
            "erlen-sessions",
            "sessions",
            sessions.CONTRACT_VERSION,
        ),
        Slot(
            "templating",
            templating.TemplatingPlugin,
            "erlen-templating",
            "templating",
            templating.CONTRACT_VERSION,
        ),
        # Signals are module-level objects that receivers connect to at
        # import time, before any application exists: one set per process.
        Slot(
            "signals",
            signals.SignalsPlugin,
            "erlen-signals",
            "signals",
            signals.CONTRACT_VERSION,
            per_app=False,
        ),
        Slot("cli", cli.CliPlugin, "erlen-cli", "cli", cli.CONTRACT_VERSION),
        Slot(
            "testing",
            testing.TestingPlugin,
            "erlen-testing",
            "testing",
            testing.CONTRACT_VERSION,
        ),
        Slot("asgi", asgi.AsgiPlugin, "erlen-asgi", "asgi", asgi.CONTRACT_VERSION),
    )
    return {slot.name: slot for slot in slots}


SLOTS: t.Final[dict[str, Slot]] = _slots()
