"""erlen-sessions is one sessions plugin among others, and can be replaced.

The fixture distribution ``erlen-test-plugins`` installs a second sessions
plugin, ``memory``, which keeps data on the server and only an id in the
cookie. Both are installed here, as a third-party backend would be; only the
full environment has the fixture, so these tests live with the integration
tests.
"""

from __future__ import annotations

import typing as t

from erlen_test_plugins.sessions import MemorySessionInterface
from werkzeug.test import Client

import erlen.plugins
from erlen import Erlen
from erlen import flash
from erlen import get_flashed_messages
from erlen import session
from erlen_sessions import SecureCookieSessionInterface


def counter_app(app: Erlen) -> Erlen:
    app.config["SECRET_KEY"] = "a test key"

    @app.route("/")
    def count() -> str:
        session["visits"] = session.get("visits", 0) + 1
        return str(session["visits"])

    return app


def sent_cookie(client: Client) -> str:
    cookie = client.get_cookie("session")
    assert cookie is not None
    return cookie.value


def test_the_first_party_plugin_serves_apps_that_choose_none() -> None:
    assert "memory" in erlen.plugins.available("sessions")
    app = counter_app(Erlen(__name__))
    client = Client(app)

    assert [client.get("/").text for _ in range(3)] == ["1", "2", "3"]
    assert isinstance(app.session_interface, SecureCookieSessionInterface)
    assert sent_cookie(client).count(".") == 2  # payload.timestamp.signature


def test_an_app_chooses_another_backend_by_name() -> None:
    app = counter_app(Erlen(__name__, plugins={"sessions": "memory"}))
    client = Client(app)

    assert [client.get("/").text for _ in range(3)] == ["1", "2", "3"]
    interface = app.session_interface
    assert isinstance(interface, MemorySessionInterface)
    # The cookie carries only the id; the data stayed on the server.
    assert interface.store == {sent_cookie(client): {"visits": 3}}


def test_an_app_chooses_another_backend_with_the_config_key() -> None:
    app = Erlen(__name__)
    app.config["PLUGINS"] = {"sessions": "memory"}
    counter_app(app)
    client = Client(app)

    assert [client.get("/").text for _ in range(2)] == ["1", "2"]
    assert isinstance(app.session_interface, MemorySessionInterface)


def test_assigning_session_interface_replaces_any_plugin() -> None:
    class OtherSalt(SecureCookieSessionInterface):
        salt = "another-salt"

    app = counter_app(Erlen(__name__, plugins={"sessions": "memory"}))
    app.session_interface = OtherSalt()
    client = Client(app)
    client.get("/")
    cookie = sent_cookie(client)

    assert client.get("/").text == "2"
    # A cookie signed with another salt is not a default cookie session.
    plain = counter_app(Erlen(__name__))
    plain_client = Client(plain)
    plain_client.set_cookie("session", cookie)
    assert plain_client.get("/").text == "1"


def test_flashing_works_over_any_backend() -> None:
    app = Erlen(__name__, plugins={"sessions": "memory"})

    @app.route("/flash")
    def flash_one() -> str:
        flash("Stored in memory", "info")
        return "ok"

    @app.route("/messages")
    def messages() -> list[t.Any]:
        return get_flashed_messages(with_categories=True)

    client = Client(app)
    client.get("/flash")

    assert client.get("/messages").json == [["info", "Stored in memory"]]
    assert client.get("/messages").json == []
