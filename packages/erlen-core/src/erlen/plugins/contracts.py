"""Contract versions: which version of its slot's protocol a plugin was built for.

Each slot's protocol carries a version ``MAJOR.MINOR``. A minor release of
a contract only adds what old plugins may ignore (an optional method, a
keyword argument with a default), so a plugin built for ``1.0`` fits a core
that offers ``1.3``. A major release changes what old plugins rely on, so a
plugin fits only the major it was built for. A plugin states its version as
``contract_version = "1.0"``; the registry compares it with the core's when
the plugin loads, so a mismatch fails there, with the fix, and not halfway
through some request.
"""

from __future__ import annotations

import re
import typing as t

from .errors import IncompatiblePluginError
from .errors import InvalidPluginError

_VERSION = re.compile(r"(\d+)\.(\d+)")


class ContractVersion(t.NamedTuple):
    """A contract's version, compared as a pair of integers."""

    major: int
    minor: int

    @classmethod
    def parse(cls, text: object) -> ContractVersion:
        """Read ``"MAJOR.MINOR"``; raise :exc:`ValueError` for anything else."""
        match = _VERSION.fullmatch(text) if isinstance(text, str) else None
        if match is None:
            raise ValueError(f"{text!r} is not a contract version like '1.0'")
        return cls(int(match[1]), int(match[2]))

    def __str__(self) -> str:
        return f"{self.major}.{self.minor}"


def check_contract(
    plugin: object,
    slot: str,
    offered: ContractVersion,
    described_as: str,
    distribution: str | None,
) -> None:
    """Refuse ``plugin`` unless the contract it implements fits ``offered``.

    :param slot: the slot's name, for the message.
    :param offered: the version of the contract this core implements.
    :param described_as: how messages name the plugin (entry point and
        distribution).
    :param distribution: the plugin's distribution, named in the ``pip``
        command that fixes an old plugin; ``None`` for one registered in code.
    :raise InvalidPluginError: the version it states is not ``MAJOR.MINOR``.
        A plugin that states none passes here; the protocol check that
        follows names the missing attribute with every other problem.
    :raise IncompatiblePluginError: it was built for another major, or for
        a newer minor than this core offers.
    """
    stated = getattr(plugin, "contract_version", None)
    if stated is None:
        return  # the protocol check lists the missing attribute with the rest
    try:
        built_for = ContractVersion.parse(stated)
    except ValueError:
        raise InvalidPluginError(
            f"The plugin {described_as} states contract_version = {stated!r},"
            f" which is not a version like '{offered}'. Fix the plugin, or"
            " uninstall it and use another."
        ) from None
    if built_for.major == offered.major and built_for.minor <= offered.minor:
        return
    if built_for > offered:
        fix = (
            "Upgrade Erlen's core to a release that offers it:"
            " pip install --upgrade erlen-core"
        )
    elif distribution is not None:
        fix = (
            "Upgrade the plugin to a release built for this core:"
            f" pip install --upgrade {distribution}"
        )
    else:
        fix = f"Update the plugin for version {offered} of the contract."
    raise IncompatiblePluginError(
        f"The plugin {described_as} implements version {built_for} of the"
        f" {slot} contract, and this erlen-core offers version {offered}."
        f" A plugin fits the contract major it was built for, up to the"
        f" minor the core offers. {fix}",
        built_for=str(built_for),
        offered=str(offered),
    )


F = t.TypeVar("F", bound=t.Callable[..., t.Any])


def optional(method: F) -> F:
    """Mark a protocol method that a plugin may leave out.

    Core calls such a method only when the plugin has it (Jinja's helpers
    behind ``app.jinja_env``, which another engine has no use for). A
    plugin that has it is checked like any other method when it loads.
    """
    method.__erlen_optional__ = True  # type: ignore[attr-defined]
    return method


def is_optional(method: object) -> bool:
    """Whether ``method`` was marked with :func:`optional`."""
    return getattr(method, "__erlen_optional__", False) is True
