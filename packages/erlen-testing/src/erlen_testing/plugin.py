"""The object Erlen finds through the entry point ``erlen.testing:werkzeug``."""

from __future__ import annotations

from .builder import EnvironBuilder
from .client import ErlenClient


class WerkzeugTesting:
    """Fills the ``testing`` slot with Werkzeug-based test tools.

    ``app.test_cli_runner()`` is served by the ``cli`` slot instead, so this
    distribution never needs click.
    """

    contract_version = "1.0"

    client_class = ErlenClient
    environ_builder_class = EnvironBuilder


#: Registered under ``[project.entry-points."erlen.testing"]`` as ``werkzeug``.
plugin = WerkzeugTesting()
