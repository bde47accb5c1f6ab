"""Testing Erlen applications: the test client, CLI runner and fixtures.

Installing this distribution fills the ``testing`` slot of Erlen's plugin
registry, so ``app.test_client()``, ``app.test_cli_runner()`` and
``app.test_request_context()`` use the classes here, and gives pytest the
fixtures of :mod:`erlen_testing.pytest_plugin`. Plugin authors find
conformance tests for their plugins in :mod:`erlen_testing.conformance`.
"""

from __future__ import annotations

from .__about__ import __version__ as __version__
from .async_client import AsyncClient as AsyncClient
from .async_client import WebSocketClosed as WebSocketClosed
from .builder import EnvironBuilder as EnvironBuilder
from .client import ErlenClient as ErlenClient
from .live_server import LiveServer as LiveServer
from .plugin import plugin as plugin
