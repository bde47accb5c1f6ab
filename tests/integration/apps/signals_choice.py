"""An app that chooses a signals plugin for itself, which a process-wide slot refuses."""

from __future__ import annotations

from erlen import Erlen

app = Erlen(__name__)
app.config["PLUGINS"] = {"signals": "blinker"}
