"""The object Erlen finds through the entry point ``erlen.sessions:cookie``."""

from __future__ import annotations

import typing as t

from .cookie import SecureCookieSessionInterface
from .flashing import flash
from .flashing import get_flashed_messages

if t.TYPE_CHECKING:
    from erlen import Erlen


class CookieSessionsPlugin:
    """Erlen's own sessions plugin: signed-cookie sessions and flashing.

    It also provides ``flash`` and ``get_flashed_messages`` for
    ``from erlen import flash``; they work with any session backend.
    """

    flash = staticmethod(flash)
    get_flashed_messages = staticmethod(get_flashed_messages)

    def create_session_interface(self, app: Erlen) -> SecureCookieSessionInterface:
        """A new signed-cookie interface; it reads the app's config on each request."""
        return SecureCookieSessionInterface()


plugin = CookieSessionsPlugin()
