"""An app that chooses a sessions plugin registered in code, by name."""

from __future__ import annotations

import erlen.plugins
from erlen import Erlen
from erlen.plugins.sessions import NullSessionInterface


class QuietSessions:
    """A sessions plugin whose sessions are never kept."""

    contract_version = "1.0"

    def create_session_interface(self, app: Erlen) -> NullSessionInterface:
        return NullSessionInterface()


erlen.plugins.register("sessions", "quiet", QuietSessions())
app = Erlen(__name__, plugins={"sessions": "quiet"})
