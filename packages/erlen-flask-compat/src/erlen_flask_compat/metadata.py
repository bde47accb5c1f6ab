"""The ``Flask`` distribution :mod:`importlib.metadata` reports while Erlen serves ``flask``.

Apps and extensions ask ``importlib.metadata.version("flask")``, some at
import time. Writing a ``flask-*.dist-info`` folder would answer them, and
would also tell pip that Flask is installed, so pip would skip the real
Flask where an extension needs it. Instead the import hook answers metadata
lookups for ``flask`` in the processes where it serves ``flask``, and only
when no real Flask distribution is installed: pip, which never imports
``flask``, keeps seeing site-packages as it is, and a real Flask keeps the
metadata pip installed with it.
"""

from __future__ import annotations

import sys
import typing as t
from importlib.machinery import PathFinder
from importlib.metadata import Distribution
from importlib.metadata import DistributionFinder
from pathlib import Path

from .__about__ import __version__
from .__about__ import FLASK_VERSION

if t.TYPE_CHECKING:
    import os
    from collections.abc import Iterator

#: The core metadata of the stand-in distribution: Flask's name, and the
#: version of the Flask API Erlen provides.
METADATA: t.Final = f"""\
Metadata-Version: 2.1
Name: Flask
Version: {FLASK_VERSION}
Summary: The Flask {FLASK_VERSION} API, served by Erlen through erlen-flask-compat {__version__}.
"""


class FlaskDistribution(Distribution):
    """Flask as Erlen provides it: metadata only, no files of its own."""

    def read_text(self, filename: str) -> str | None:
        return METADATA if filename == "METADATA" else None

    def locate_file(self, path: str | os.PathLike[str]) -> Path:
        """Where ``path`` would be: beside erlen-flask-compat, which serves Flask."""
        return Path(__file__).parent / path


def find_distributions(context: DistributionFinder.Context) -> Iterator[Distribution]:
    """Yield :class:`FlaskDistribution` for a lookup of ``flask`` that nothing else answers.

    Only named lookups in :data:`sys.path` are answered: listing every
    distribution, or looking in other folders, asks what is installed
    there, and Flask is not.
    """
    if context.name is None or context.name.lower() != "flask":
        return
    if context.path is not sys.path:
        return
    if next(iter(PathFinder.find_distributions(context)), None) is not None:
        return
    yield FlaskDistribution()
