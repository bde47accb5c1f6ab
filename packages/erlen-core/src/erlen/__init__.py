"""Erlen: Flask's programming model, in separately installable pieces.

``from erlen import Erlen, request, render_template`` works as the same
import from Flask does. Names that belong to a plugin
(``get_template_attribute``, the signals) are looked up through the plugin registry on first use, so importing this
module imports no plugin and reads no entry point.
"""

from __future__ import annotations

import typing as t

from erlen_contexts import after_this_request as after_this_request
from erlen_contexts import copy_current_request_context as copy_current_request_context
from erlen_contexts import current_app as current_app
from erlen_contexts import g as g
from erlen_contexts import has_app_context as has_app_context
from erlen_contexts import has_request_context as has_request_context
from erlen_contexts import request as request
from erlen_contexts import session as session
from erlen_contexts import stream_with_context as stream_with_context

from . import json as json
from .__about__ import __version__ as __version__
from .app import Erlen as Erlen
from .blueprints import Blueprint as Blueprint
from .config import Config as Config
from .flashing import flash as flash
from .flashing import get_flashed_messages as get_flashed_messages
from .helpers import abort as abort
from .helpers import is_safe_redirect_url as is_safe_redirect_url
from .helpers import make_response as make_response
from .helpers import redirect as redirect
from .helpers import send_file as send_file
from .helpers import send_from_directory as send_from_directory
from .helpers import url_for as url_for
from .json import jsonify as jsonify
from .templating import render_template as render_template
from .templating import render_template_string as render_template_string
from .templating import stream_template as stream_template
from .templating import stream_template_string as stream_template_string
from .wrappers import Request as Request
from .wrappers import Response as Response

if t.TYPE_CHECKING:  # pragma: no cover - names resolved by __getattr__
    from .plugins.signals import Signal

    get_template_attribute: t.Callable[[str, str], t.Any]
    websocket: t.Any
    appcontext_popped: Signal
    appcontext_pushed: Signal
    appcontext_tearing_down: Signal
    before_render_template: Signal
    got_request_exception: Signal
    message_flashed: Signal
    request_finished: Signal
    request_started: Signal
    request_tearing_down: Signal
    template_rendered: Signal


def __getattr__(name: str) -> t.Any:
    from .plugins.exports import resolve_export

    value = resolve_export(name)
    globals()[name] = value
    return value
