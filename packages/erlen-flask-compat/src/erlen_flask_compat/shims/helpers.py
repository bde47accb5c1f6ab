"""``flask.helpers``."""

# Flask's module holds these names, used or not: they are its namespace.
# ruff: noqa: F401

from __future__ import annotations

import importlib
import os
import sys
import typing as t
from datetime import datetime
from functools import cache
from functools import update_wrapper

import werkzeug.utils
from werkzeug.exceptions import abort as _wz_abort
from werkzeug.utils import redirect as _wz_redirect
from werkzeug.wrappers import Response as BaseResponse

from erlen import flash as flash
from erlen import get_flashed_messages as get_flashed_messages
from erlen.helpers import abort as abort
from erlen.helpers import make_response as make_response
from erlen.helpers import redirect as redirect
from erlen.helpers import send_file as send_file
from erlen.helpers import send_from_directory as send_from_directory
from erlen.helpers import url_for as url_for
from erlen.sansio.paths import get_root_path as get_root_path
from erlen_contexts import app_ctx_var as _cv_app
from erlen_contexts import current_app as current_app
from erlen_contexts import request as request
from erlen_contexts import request_ctx as request_ctx
from erlen_contexts import request_ctx_var as _cv_request
from erlen_contexts import session as session
from erlen_contexts import stream_with_context as stream_with_context
from erlen_flask_compat.helpers import get_debug_flag as get_debug_flag
from erlen_flask_compat.helpers import get_load_dotenv as get_load_dotenv
from erlen_signals import message_flashed as message_flashed
from erlen_templating import get_template_attribute as get_template_attribute
