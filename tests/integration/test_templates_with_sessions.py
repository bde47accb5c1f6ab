"""Templates see erlen-sessions' flashed messages.

erlen-templating reaches a sessions plugin only through the registry, so this
needs both plugins, which only the full environment has.
"""

from __future__ import annotations

from werkzeug.test import Client

import erlen
from erlen import Erlen
from erlen import render_template_string


def test_flashed_messages_of_erlens_sessions_plugin_reach_templates(
    app: Erlen, client: Client
) -> None:
    # The whole stack: the first-party sessions plugin, chosen by default.
    app.secret_key = "test key"

    @app.post("/save")
    def save() -> str:
        erlen.flash("Saved.")
        return "ok"

    @app.get("/show")
    def show() -> str:
        return render_template_string("{{ get_flashed_messages()|join(',') }}")

    client.post("/save")
    assert client.get("/show").get_data(as_text=True) == "Saved."
    assert client.get("/show").get_data(as_text=True) == ""
