"""Application and request contexts for Erlen, on :mod:`contextvars`.

Contexts are isolated per thread, greenlet and asyncio task, because each
of those runs with its own copy of the context variables.
"""

# First: decide on the speedups, and with them register Werkzeug's package
# so that its submodules import without its development server and test
# client (see speedups/werkzeug_package.py).
from . import speedups

if speedups.ENABLED:
    from .speedups import werkzeug_package  # noqa: F401
from .__about__ import __version__ as __version__
from .app_context import AppContext as AppContext
from .app_context import AppCtxGlobals as AppCtxGlobals
from .globals import app_ctx as app_ctx
from .globals import app_ctx_var as app_ctx_var
from .globals import current_app as current_app
from .globals import g as g
from .globals import request as request
from .globals import request_ctx as request_ctx
from .globals import request_ctx_var as request_ctx_var
from .globals import session as session
from .helpers import after_this_request as after_this_request
from .helpers import copy_current_request_context as copy_current_request_context
from .helpers import has_app_context as has_app_context
from .helpers import has_request_context as has_request_context
from .helpers import stream_with_context as stream_with_context
from .host import ContextHost as ContextHost
from .request_context import RequestContext as RequestContext
from .teardown import raise_collected as raise_collected
from .teardown import run_teardown_callbacks as run_teardown_callbacks
