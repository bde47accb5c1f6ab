"""``flask.sansio.app``."""

# Flask's module holds these names, used or not: they are its namespace.
# ruff: noqa: F401

from __future__ import annotations

import logging
import os
import sys
import typing as t
from datetime import timedelta
from itertools import chain

from flask import typing as ft  # type: ignore[import-not-found]
from werkzeug.exceptions import Aborter
from werkzeug.exceptions import BadRequest
from werkzeug.exceptions import BadRequestKeyError
from werkzeug.routing import BuildError
from werkzeug.routing import Map
from werkzeug.routing import Rule
from werkzeug.sansio.response import Response
from werkzeug.utils import cached_property
from werkzeug.utils import redirect as _wz_redirect

from erlen.config import ConfigAttribute as ConfigAttribute
from erlen.json.provider import DefaultJSONProvider as DefaultJSONProvider
from erlen.json.provider import JSONProvider as JSONProvider
from erlen.logging import create_logger as create_logger
from erlen.sansio.app import App as App
from erlen.sansio.app import T_shell_context_processor as T_shell_context_processor
from erlen.sansio.app import T_teardown as T_teardown
from erlen.sansio.instance import find_package as find_package
from erlen.sansio.scaffold import endpoint_from_view_func as _endpoint_from_view_func
from erlen.sansio.scaffold import Scaffold as Scaffold
from erlen.sansio.scaffold import setupmethod as setupmethod
from erlen_flask_compat.config import Config as Config
from erlen_flask_compat.ctx import FlaskAppCtxGlobals as _AppCtxGlobals
from erlen_flask_compat.helpers import get_debug_flag as get_debug_flag
from erlen_flask_compat.names import T_template_filter as T_template_filter
from erlen_flask_compat.names import T_template_global as T_template_global
from erlen_flask_compat.names import T_template_test as T_template_test
from erlen_templating import DispatchingJinjaLoader as DispatchingJinjaLoader
from erlen_templating import Environment as Environment
