"""The object Erlen finds through the entry point ``erlen.sessions:cookie``."""

from __future__ import annotations

import typing as t

from .cookie import SecureCookieSessionInterface

if t.TYPE_CHECKING:
    from erlen import Erlen


class CookieSessionsPlugin:
    """Erlen's own sessions plugin: signed-cookie sessions."""

    contract_version = "1.0"

    def create_session_interface(self, app: Erlen) -> SecureCookieSessionInterface:
        """A new signed-cookie interface; it reads the app's config on each request."""
        return SecureCookieSessionInterface()


plugin = CookieSessionsPlugin()
