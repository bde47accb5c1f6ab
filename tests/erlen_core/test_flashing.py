"""Flash messages: stored in one request, shown once in a later one.

Flashing is core's, built on the ``session`` mapping alone, so these tests
run it on the ``memory`` sessions plugin of the fixture distribution: a
third-party backend that implements nothing but the sessions contract.
"""

from __future__ import annotations

import typing as t

import pytest
from markupsafe import Markup
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
        flash(Markup("<b>Welcome</b>"), "info")
        return "flashed"

    @app.route("/messages")
    def messages() -> list[t.Any]:
        return get_flashed_messages()

    return app


@pytest.fixture
def make_app() -> MakeApp:
    """Build an app whose sessions live in the ``memory`` plugin."""

    def make(**config: t.Any) -> Erlen:
        app = Erlen(__name__, plugins={"sessions": "memory"})
        app.config.update(config)
        return app

    return make


def test_messages_are_shown_on_the_next_request_then_gone(make_app: MakeApp) -> None:
    client = Client(flashing_app(make_app))
    client.get("/flash")

    assert client.get("/messages").json == [
        "Saved",
        "Disk almost full",
        "<b>Welcome</b>",
    ]
    assert client.get("/messages").json == []


def test_categories_and_filters(make_app: MakeApp) -> None:
    app = flashing_app(make_app)
    seen: dict[str, t.Any] = {}

    @app.route("/inspect")
    def inspect() -> str:
        seen["all"] = get_flashed_messages(with_categories=True)
        seen["warnings"] = get_flashed_messages(category_filter=["warning"])
        seen["info"] = get_flashed_messages(
            with_categories=True, category_filter=("info",)
        )
        return "ok"

    client = Client(app)
    client.get("/flash")
    client.get("/inspect")

    assert seen["all"] == [
        ("message", "Saved"),
        ("warning", "Disk almost full"),
        ("info", "<b>Welcome</b>"),
    ]
    assert seen["warnings"] == ["Disk almost full"]
    assert seen["info"] == [("info", "<b>Welcome</b>")]


def test_repeated_calls_in_one_request_return_the_same_messages(
    make_app: MakeApp,
) -> None:
    app = flashing_app(make_app)
    calls: list[t.Any] = []

    @app.route("/twice")
    def twice() -> str:
        calls.append(get_flashed_messages())
        calls.append(get_flashed_messages())
        return "ok"

    client = Client(app)
    client.get("/flash")
    client.get("/twice")

    assert calls[0] == calls[1] == ["Saved", "Disk almost full", "<b>Welcome</b>"]


def test_a_markup_message_stays_safe_html(make_app: MakeApp) -> None:
    app = flashing_app(make_app)
    seen: list[t.Any] = []

    @app.route("/markup")
    def markup() -> str:
        seen.extend(get_flashed_messages(category_filter=["info"]))
        return "ok"

    client = Client(app)
    client.get("/flash")
    client.get("/markup")

    assert seen == [Markup("<b>Welcome</b>")]
    assert isinstance(seen[0], Markup)


def test_messages_flashed_and_read_in_one_request(make_app: MakeApp) -> None:
    app = make_app()

    @app.route("/")
    def view() -> list[t.Any]:
        flash("now")
        return get_flashed_messages()

    assert Client(app).get("/").json == ["now"]


def test_flashing_outside_a_request_explains_the_context() -> None:
    with pytest.raises(RuntimeError, match="outside of request context"):
        flash("lost")
