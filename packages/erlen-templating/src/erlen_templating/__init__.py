"""Jinja templates for Erlen, filling the ``templating`` plugin slot.

Installed, it needs no setup: ``render_template`` and the other functions
of :mod:`erlen` render with the app's Jinja environment, ``app.jinja_env``.
Import from here only to extend it: subclass :class:`Environment` and set
``app.jinja_environment``, or use the loader in your own environment.
"""

from .__about__ import __version__ as __version__
from .engine import JinjaEngine as JinjaEngine
from .environment import Environment as Environment
from .loaders import DispatchingJinjaLoader as DispatchingJinjaLoader
from .plugin import get_template_attribute as get_template_attribute
from .plugin import plugin as plugin
