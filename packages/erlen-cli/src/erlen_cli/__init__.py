"""The ``erlen`` command line: app discovery, ``run``, ``shell``, ``routes``,
``plugins``, and the command groups behind ``app.cli`` and ``blueprint.cli``.

Installing this distribution fills the ``cli`` slot of Erlen's plugin
registry, so ``@app.cli.command()`` works, and installs the ``erlen``
command.
"""

from __future__ import annotations

from .__about__ import __version__ as __version__
from .commands import plugins_command as plugins_command
from .commands import routes_command as routes_command
from .commands import run_command as run_command
from .commands import shell_command as shell_command
from .discovery import find_app_by_string as find_app_by_string
from .discovery import find_best_app as find_best_app
from .discovery import locate_app as locate_app
from .discovery import NoAppException as NoAppException
from .discovery import prepare_import as prepare_import
from .dotenv import load_dotenv as load_dotenv
from .erlen_group import ErlenGroup as ErlenGroup
from .groups import AppGroup as AppGroup
from .groups import with_appcontext as with_appcontext
from .main import cli as cli
from .main import main as main
from .params import CertParamType as CertParamType
from .params import SeparatedPathType as SeparatedPathType
from .profile import ERLEN as ERLEN
from .profile import Profile as Profile
from .scriptinfo import pass_script_info as pass_script_info
from .scriptinfo import ScriptInfo as ScriptInfo
