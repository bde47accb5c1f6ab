"""Flash messages through the signed-cookie session.

Flashing itself is core's (tests/erlen_core/test_flashing.py); these tests
cover what the cookie backend adds: the messages travel in the signed
cookie, which needs a secret key.
"""

from __future__ import annotations

import typing as t

import pytest
from werkzeug.test import Client

from erlen import Erlen
from erlen import flash
from erlen import get_flashed_messages

MakeApp = t.Callable[..., Erlen]


def flashing_app(make_app: MakeApp, **config: t.Any) -> Erlen:
    app = make_app(**config)

    @app.route("/flash")
    def flash_some() -> str:
        flash("Saved")
        flash("Disk almost full", "warning")
        return "flashed"

    @app.route("/messages")
    def messages() -> list[t.Any]:
        return get_flashed_messages(with_categories=True)

    return app


def test_messages_travel_in_the_cookie_and_are_shown_once(make_app: MakeApp) -> None:
    client = Client(flashing_app(make_app))
    client.get("/flash")
    cookie = client.get_cookie("session")
    assert cookie is not None and cookie.value

    assert client.get("/messages").json == [
        ["message", "Saved"],
        ["warning", "Disk almost full"],
    ]
    assert client.get("/messages").json == []


def test_flashing_without_a_secret_key_says_to_set_one(make_app: MakeApp) -> None:
    app = flashing_app(make_app, SECRET_KEY=None, TESTING=True)

    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        Client(app).get("/flash")
    assert Client(app).get("/messages").json == []
