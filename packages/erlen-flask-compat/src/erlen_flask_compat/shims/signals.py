"""``flask.signals``: erlen-signals' Blinker signals."""

# Flask's module holds these names, used or not: they are its namespace.
# ruff: noqa: F401

from __future__ import annotations

from blinker import Namespace

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
