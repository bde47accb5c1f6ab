"""The names the command line goes by: its command, environment prefix, files.

Everything user-visible that says "erlen" comes from one :class:`Profile`,
so a compatibility layer can present the same code as ``flask`` with
``FLASK_`` variables and ``.flaskenv`` files by passing another profile
instead of copying the command line.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

_FALSE_WORDS = frozenset({"0", "false", "no"})


@dataclass(frozen=True)
class Profile:
    """How the command presents itself.

    :param prog: the command's name, as users type it (``erlen``).
    :param framework: the framework's name in messages (``Erlen``).
    :param env_prefix: the prefix of every environment variable the command
        reads: ``<prefix>_APP``, ``<prefix>_DEBUG``, ``<prefix>_RUN_PORT`` ...
    :param dotenv_files: the files loaded by default, lowest precedence first.
    :param commands_group: the entry-point group of third-party commands.
    """

    prog: str
    framework: str
    env_prefix: str
    dotenv_files: tuple[str, ...]
    commands_group: str

    def env_name(self, name: str) -> str:
        """The environment variable for ``name``: ``APP`` becomes ``ERLEN_APP``."""
        return f"{self.env_prefix}_{name}"

    def env_flag(self, name: str) -> bool:
        """Whether the variable ``name`` is set to something other than a "no".

        An unset or empty variable is off, as are ``0``, ``false`` and ``no``.
        """
        value = os.environ.get(self.env_name(name), "")
        return bool(value) and value.lower() not in _FALSE_WORDS

    def debug_flag(self) -> bool:
        """Whether debug mode is on, from ``<prefix>_DEBUG``."""
        return self.env_flag("DEBUG")

    def set_debug_flag(self, value: bool) -> None:
        """Record debug mode in ``<prefix>_DEBUG``.

        The environment carries it, rather than an attribute, so that the
        reloader's child process and the app's own config see it too.
        """
        os.environ[self.env_name("DEBUG")] = "1" if value else "0"

    def load_dotenv_by_default(self, default: bool = True) -> bool:
        """Whether to load the default dotenv files.

        ``<prefix>_SKIP_DOTENV`` set to anything but a "no" turns it off; a
        deployment sets it to keep development files out of production.
        """
        if not os.environ.get(self.env_name("SKIP_DOTENV")):
            return default
        return not self.env_flag("SKIP_DOTENV")


#: Erlen's own profile: ``erlen``, ``ERLEN_*``, ``.erlenenv`` and ``.env``.
ERLEN = Profile(
    prog="erlen",
    framework="Erlen",
    env_prefix="ERLEN",
    dotenv_files=(".erlenenv", ".env"),
    commands_group="erlen.commands",
)
