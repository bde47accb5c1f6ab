"""An app that chooses a plugin that is not installed."""

from __future__ import annotations

from erlen import Erlen

app = Erlen(__name__)
app.config["PLUGINS"] = {"sessions": "cookei"}
