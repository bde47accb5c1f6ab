"""The object Erlen finds through the entry point ``erlen.asgi:asgi``."""

from __future__ import annotations

import typing as t

from .application import AsgiApplication
from .websocket import websocket

if t.TYPE_CHECKING:
    from erlen import Erlen


class AsgiPlugin:
    """Fills the ``asgi`` slot: ``app.asgi`` and ``erlen.websocket``."""

    contract_version = "1.0"
    websocket = websocket

    def create_application(self, app: Erlen) -> AsgiApplication:
        return AsgiApplication(app)


#: Registered under ``[project.entry-points."erlen.asgi"]`` as ``asgi``.
plugin = AsgiPlugin()
