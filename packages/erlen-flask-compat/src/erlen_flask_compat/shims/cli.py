"""``flask.cli``: erlen-cli under the ``flask`` profile."""

# Flask's module holds these names, used or not: they are its namespace.
# ruff: noqa: F401

from __future__ import annotations

import ast
import collections.abc as cabc
import importlib
import inspect
import os
import platform
import re
import sys
import traceback
import typing as t
from functools import update_wrapper
from operator import itemgetter
from types import ModuleType

import click
from click.core import ParameterSource
from werkzeug import run_simple
from werkzeug.serving import is_running_from_reloader
from werkzeug.utils import import_string

from erlen_cli import AppGroup as AppGroup
from erlen_cli import CertParamType as CertParamType
from erlen_cli import find_app_by_string as find_app_by_string
from erlen_cli import find_best_app as find_best_app
from erlen_cli import locate_app as locate_app
from erlen_cli import NoAppException as NoAppException
from erlen_cli import prepare_import as prepare_import
from erlen_cli import routes_command as routes_command
from erlen_cli import run_command as run_command
from erlen_cli import SeparatedPathType as SeparatedPathType
from erlen_cli import shell_command as shell_command
from erlen_cli import with_appcontext as with_appcontext
from erlen_cli.groups import F as F
from erlen_cli.options import app_option as _app_option
from erlen_cli.options import debug_option as _debug_option
from erlen_contexts import current_app as current_app
from erlen_flask_compat.cli import cli as cli
from erlen_flask_compat.cli import FlaskGroup as FlaskGroup
from erlen_flask_compat.cli import get_version as get_version
from erlen_flask_compat.cli import load_dotenv as load_dotenv
from erlen_flask_compat.cli import main as main
from erlen_flask_compat.cli import pass_script_info as pass_script_info
from erlen_flask_compat.cli import ScriptInfo as ScriptInfo
from erlen_flask_compat.cli import show_server_banner as show_server_banner
from erlen_flask_compat.cli import version_option as version_option
from erlen_flask_compat.helpers import get_debug_flag as get_debug_flag
from erlen_flask_compat.helpers import get_load_dotenv as get_load_dotenv
