"""Flask's lifecycle signals for Erlen, on Blinker.

Importing this module makes Erlen send through these signals, whichever way
it was reached: ``from erlen import request_started``, ``from erlen_signals
import request_started``, or the registry loading the ``signals`` slot.
"""

from blinker import Namespace as Namespace

from .__about__ import __version__ as __version__
from .plugin import appcontext_popped as appcontext_popped
from .plugin import appcontext_pushed as appcontext_pushed
from .plugin import appcontext_tearing_down as appcontext_tearing_down
from .plugin import before_render_template as before_render_template
from .plugin import got_request_exception as got_request_exception
from .plugin import message_flashed as message_flashed
from .plugin import plugin as plugin
from .plugin import request_finished as request_finished
from .plugin import request_started as request_started
from .plugin import request_tearing_down as request_tearing_down
from .plugin import template_rendered as template_rendered
