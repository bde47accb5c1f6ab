"""The ``asgi`` slot: serving an application to ASGI servers.

An ASGI plugin turns an application into an ASGI 3 callable, ``app.asgi``,
that runs the same request pipeline (:mod:`erlen.pipeline`) WSGI servers
use, with its own async driver: coroutine functions on the server's event
loop, plain functions in a thread pool. Core never imports asyncio; the
plugin does.
"""

from __future__ import annotations

import typing as t

from .contracts import ContractVersion

if t.TYPE_CHECKING:
    from ..app import Erlen


#: The version of the asgi contract this core implements (see
#: :mod:`erlen.plugins.contracts`); a plugin states the one it was built for.
CONTRACT_VERSION: t.Final = ContractVersion(1, 0)


@t.runtime_checkable
class AsgiPlugin(t.Protocol):
    """What an ASGI plugin implements.

    Register the object under ``[project.entry-points."erlen.asgi"]``.
    """

    #: The version of the contract the plugin implements, ``"MAJOR.MINOR"``.
    contract_version: str

    #: What ``erlen.websocket`` is: the WebSocket of the current connection.
    websocket: t.Any

    def create_application(self, app: Erlen) -> t.Any:
        """Return the ASGI 3 callable ``app.asgi``; called once per app.

        It serves ``http``, ``websocket`` and ``lifespan`` scopes.
        """
        ...
