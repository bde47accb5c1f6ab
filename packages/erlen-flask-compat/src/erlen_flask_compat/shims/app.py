"""``flask.app``, with the names Flask's module imported (Werkzeug's routing
and exceptions, the proxies, the signals), as the same objects."""

# Flask's module holds these names, used or not: they are its namespace.
# ruff: noqa: F401

from __future__ import annotations

import collections.abc as cabc
import os
import sys
import typing as t
import weakref
from datetime import timedelta
from inspect import iscoroutinefunction
from itertools import chain
from types import TracebackType
from urllib.parse import quote as _url_quote

import click
from flask import cli as cli  # type: ignore[import-not-found]
from flask import typing as ft
from werkzeug.datastructures import Headers
from werkzeug.datastructures import ImmutableDict
from werkzeug.exceptions import BadRequestKeyError
from werkzeug.exceptions import HTTPException
from werkzeug.exceptions import InternalServerError
from werkzeug.routing import BuildError
from werkzeug.routing import MapAdapter
from werkzeug.routing import RequestRedirect
from werkzeug.routing import RoutingException
from werkzeug.routing import Rule
from werkzeug.serving import is_running_from_reloader
from werkzeug.wrappers import Response as BaseResponse
from werkzeug.wsgi import get_host

from erlen import get_flashed_messages as get_flashed_messages
from erlen.helpers import send_from_directory as send_from_directory
from erlen.plugins.sessions import SessionInterface as SessionInterface
from erlen.sansio.app import App as App
from erlen.sansio.app import T_shell_context_processor as T_shell_context_processor
from erlen.sansio.app import T_teardown as T_teardown
from erlen.wrappers import Request as Request
from erlen.wrappers import Response as Response
from erlen_contexts import app_ctx_var as _cv_app
from erlen_contexts import AppContext as AppContext
from erlen_contexts import current_app as current_app
from erlen_contexts import g as g
from erlen_contexts import request as request
from erlen_contexts import request_ctx as request_ctx
from erlen_contexts import request_ctx_var as _cv_request
from erlen_contexts import RequestContext as RequestContext
from erlen_contexts import session as session
from erlen_flask_compat.app import Flask as Flask
from erlen_flask_compat.helpers import get_debug_flag as get_debug_flag
from erlen_flask_compat.helpers import get_load_dotenv as get_load_dotenv
from erlen_flask_compat.names import T_template_filter as T_template_filter
from erlen_flask_compat.names import T_template_global as T_template_global
from erlen_flask_compat.names import T_template_test as T_template_test
from erlen_sessions import SecureCookieSessionInterface as SecureCookieSessionInterface
from erlen_signals import appcontext_tearing_down as appcontext_tearing_down
from erlen_signals import got_request_exception as got_request_exception
from erlen_signals import request_finished as request_finished
from erlen_signals import request_started as request_started
from erlen_signals import request_tearing_down as request_tearing_down
from erlen_templating import Environment as Environment
