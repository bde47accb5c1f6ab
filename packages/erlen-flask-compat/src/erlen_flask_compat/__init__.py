"""Run Flask apps and Flask extensions on Erlen, unchanged.

Importing this package makes ``import flask`` and every public Flask module
(``flask.app``, ``flask.json.provider``, ``flask.sansio.app`` ...) resolve to
Erlen's objects, through an import hook (:mod:`.finder`). Import it before
anything imports ``flask``: first thing in the app's entry point, or with
``pytest -p erlen_flask_compat`` for a test run. If the real Flask is
installed or already imported, importing this package raises
:exc:`~.finder.RealFlaskError` instead of shadowing it.
"""

from __future__ import annotations

from .__about__ import __version__ as __version__
from .finder import FLASK_MODULES as FLASK_MODULES
from .finder import install as install
from .finder import RealFlaskError as RealFlaskError
from .finder import uninstall as uninstall

install()
