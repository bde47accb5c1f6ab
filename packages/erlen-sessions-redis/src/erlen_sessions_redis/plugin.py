"""The object Erlen finds through the entry point ``erlen.sessions:redis``."""

from __future__ import annotations

import typing as t

from .interface import RedisSessionInterface

if t.TYPE_CHECKING:
    from erlen import Erlen


class RedisSessionsPlugin:
    """Sessions stored in Redis, shared by every process that serves an app."""

    contract_version = "1.0"

    def create_session_interface(self, app: Erlen) -> RedisSessionInterface:
        """A new interface: each app gets its own client, made on first use."""
        return RedisSessionInterface()


plugin = RedisSessionsPlugin()
