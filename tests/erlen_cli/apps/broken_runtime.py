"""An app module that fails with an error other than ImportError."""

from __future__ import annotations

from erlen import Erlen

app = Erlen(__name__)
SETTINGS = {"debug": True}
TIMEOUT = SETTINGS["timeout"]
