"""erlen-sessions' ``flash`` sends erlen-signals' ``message_flashed``.

The two plugins never import each other: sessions sends through core's hub,
and the signal exists only when a signals plugin is installed. So this needs
both, which only the full environment has.
"""

from __future__ import annotations

import typing as t

import pytest
from markupsafe import Markup
from werkzeug.test import Client

import erlen
from erlen import Erlen
from erlen import flash

SECRET_KEY = "a test key that is long enough"

MakeApp = t.Callable[..., Erlen]


@pytest.fixture
def make_app() -> MakeApp:
    """Build an app using the cookie sessions plugin, with ``SECRET_KEY`` set."""

    def make(**config: t.Any) -> Erlen:
        app = Erlen(__name__, plugins={"sessions": "cookie"})
        app.config.update({"SECRET_KEY": SECRET_KEY, **config})
        return app

    return make


def flashing_app(make_app: MakeApp, **config: t.Any) -> Erlen:
    app = make_app(**config)

    @app.route("/flash")
    def flash_some() -> str:
        flash("Saved")
        flash("Disk almost full", "warning")
        flash(Markup("<b>Welcome</b>"), "info")
        return "flashed"

    return app


def test_flashing_sends_message_flashed(make_app: MakeApp) -> None:
    app = flashing_app(make_app)
    received: list[tuple[t.Any, dict[str, t.Any]]] = []

    def receiver(sender: t.Any, **kwargs: t.Any) -> None:
        received.append((sender, kwargs))

    with erlen.message_flashed.connected_to(receiver):  # type: ignore[attr-defined]
        Client(app).get("/flash")

    assert [(sender is app, kwargs) for sender, kwargs in received] == [
        (True, {"message": "Saved", "category": "message"}),
        (True, {"message": "Disk almost full", "category": "warning"}),
        (True, {"message": Markup("<b>Welcome</b>"), "category": "info"}),
    ]
