"""The built-in commands of ``erlen``."""

from __future__ import annotations

from .plugins import plugins_command as plugins_command
from .routes import routes_command as routes_command
from .run import run_command as run_command
from .shell import shell_command as shell_command

#: The commands every ``erlen`` has, whatever the app.
DEFAULT_COMMANDS = (run_command, shell_command, routes_command, plugins_command)
