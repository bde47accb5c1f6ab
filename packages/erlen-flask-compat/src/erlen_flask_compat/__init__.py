"""Run Flask apps and Flask extensions on Erlen, unchanged.

Once this distribution is installed, ``import flask`` and every public Flask
module (``flask.app``, ``flask.json.provider``, ``flask.sansio.app`` ...)
resolve to Erlen's objects in every process of the environment, through an
import hook (:mod:`.finder`) that the wheel's ``erlen_flask_compat.pth``
puts in place at start-up, ahead of any real Flask installed beside it.
``ERLEN_FLASK_COMPAT=0`` turns it off for one process. Importing this
package installs the hook too, for an interpreter that skips ``.pth`` files
(``python -S``).
"""

from __future__ import annotations

from .__about__ import __version__ as __version__
from .finder import FLASK_MODULES as FLASK_MODULES
from .finder import install as install
from .finder import is_switched_off
from .finder import RealFlaskError as RealFlaskError
from .finder import uninstall as uninstall

if not is_switched_off():
    install()
