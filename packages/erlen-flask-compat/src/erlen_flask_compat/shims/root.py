"""``flask``: Erlen's facade under Flask's names."""

from __future__ import annotations

import importlib
import typing as t
import warnings

from erlen import abort as abort
from erlen import after_this_request as after_this_request
from erlen import Blueprint as Blueprint
from erlen import copy_current_request_context as copy_current_request_context
from erlen import current_app as current_app
from erlen import flash as flash
from erlen import g as g
from erlen import get_flashed_messages as get_flashed_messages
from erlen import has_app_context as has_app_context
from erlen import has_request_context as has_request_context
from erlen import make_response as make_response
from erlen import redirect as redirect
from erlen import render_template as render_template
from erlen import render_template_string as render_template_string
from erlen import Request as Request
from erlen import request as request
from erlen import Response as Response
from erlen import send_file as send_file
from erlen import send_from_directory as send_from_directory
from erlen import session as session
from erlen import stream_template as stream_template
from erlen import stream_template_string as stream_template_string
from erlen import stream_with_context as stream_with_context
from erlen import url_for as url_for
from erlen.json import jsonify as jsonify
from erlen_flask_compat.__about__ import FLASK_VERSION
from erlen_flask_compat.app import Flask as Flask
from erlen_flask_compat.config import Config as Config
from erlen_signals import appcontext_popped as appcontext_popped
from erlen_signals import appcontext_pushed as appcontext_pushed
from erlen_signals import appcontext_tearing_down as appcontext_tearing_down
from erlen_signals import before_render_template as before_render_template
from erlen_signals import got_request_exception as got_request_exception
from erlen_signals import message_flashed as message_flashed
from erlen_signals import request_finished as request_finished
from erlen_signals import request_started as request_started
from erlen_signals import request_tearing_down as request_tearing_down
from erlen_signals import template_rendered as template_rendered
from erlen_templating import get_template_attribute as get_template_attribute

# The submodules `import flask` imports, so `flask.json.provider` and the
# like work as attributes; run through the finder like `flask` itself.
for _name in (
    "app",
    "blueprints",
    "cli",
    "config",
    "ctx",
    "globals",
    "helpers",
    "json",
    "json.provider",
    "json.tag",
    "logging",
    "sansio",
    "sansio.app",
    "sansio.blueprints",
    "sansio.scaffold",
    "sessions",
    "signals",
    "templating",
    "typing",
    "wrappers",
):
    importlib.import_module(f"flask.{_name}")
del _name


def __getattr__(name: str) -> t.Any:
    # Flask 3.1 still answers `flask.__version__`, with a deprecation warning.
    if name == "__version__":
        warnings.warn(
            "The '__version__' attribute is deprecated and will be removed in"
            " Flask 3.2. Use feature detection instead. Under"
            " erlen-flask-compat it is the Flask release whose API Erlen"
            " provides, not an installed Flask.",
            DeprecationWarning,
            stacklevel=2,
        )
        return FLASK_VERSION
    raise AttributeError(f"module 'flask' has no attribute {name!r}")
