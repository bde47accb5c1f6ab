"""Serving Erlen applications to ASGI servers.

Installing this distribution fills the ``asgi`` slot of Erlen's plugin
registry, so ``app.asgi`` is the app as an ASGI 3 callable
(``uvicorn module:app.asgi``), running the same request pipeline as WSGI
with an async driver (:mod:`erlen_asgi.driver`).
"""

from __future__ import annotations

from .__about__ import __version__ as __version__
from .plugin import plugin as plugin
from .websocket import WebSocket as WebSocket
from .websocket import websocket as websocket
from .websocket import WebSocketDisconnect as WebSocketDisconnect
