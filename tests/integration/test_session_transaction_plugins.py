"""``client.session_transaction()`` with whatever session plugin the app uses.

These open real sessions, erlen-sessions' ``cookie`` and the fixture
plugin's ``memory``, so they need those installed beside erlen-testing.
"""

from __future__ import annotations

import pytest

from erlen import Erlen
from erlen import session

SECRET_KEY = "a test key that is long enough"


def make_app(sessions: str = "cookie", secret_key: str | None = SECRET_KEY) -> Erlen:
    app = Erlen(__name__, plugins={"sessions": sessions})
    app.config.update(TESTING=True, SECRET_KEY=secret_key)

    @app.get("/")
    def read() -> dict[str, object]:
        return dict(session)

    @app.get("/store/<value>")
    def store(value: str) -> str:
        session["stored"] = value
        return "stored"

    return app


@pytest.mark.parametrize("plugin", ["cookie", "memory"])
def test_changes_in_the_transaction_reach_the_next_request(plugin: str) -> None:
    client = make_app(plugin).test_client()
    with client.session_transaction() as sess:
        sess["user_id"] = 42
    assert client.get("/").json == {"user_id": 42}


@pytest.mark.parametrize("plugin", ["cookie", "memory"])
def test_the_transaction_sees_what_requests_stored(plugin: str) -> None:
    client = make_app(plugin).test_client()
    client.get("/store/apple")
    with client.session_transaction() as sess:
        assert sess["stored"] == "apple"
        sess["stored"] = "pear"
    assert client.get("/").json == {"stored": "pear"}


def test_an_error_in_the_block_saves_nothing() -> None:
    client = make_app().test_client()
    client.get("/store/apple")
    with pytest.raises(KeyError), client.session_transaction() as sess:
        sess["stored"] = "pear"
        raise KeyError("stop")
    assert client.get("/").json == {"stored": "apple"}


def test_the_transaction_uses_the_cookie_path_it_is_given() -> None:
    app = make_app()
    app.config["SESSION_COOKIE_PATH"] = "/shop"

    @app.get("/shop/")
    def shop() -> dict[str, object]:
        return dict(session)

    client = app.test_client()
    with client.session_transaction("/shop/") as sess:
        sess["cart"] = ["pen"]
    assert client.get("/shop/").json == {"cart": ["pen"]}
    assert client.get("/").json == {}  # the cookie is not sent outside /shop


def test_without_a_secret_key_the_error_names_the_setting() -> None:
    client = make_app(secret_key=None).test_client()
    with pytest.raises(RuntimeError) as exc_info, client.session_transaction():
        pass  # pragma: no cover - never entered
    message = str(exc_info.value)
    assert message.startswith("session_transaction() could not open a session.")
    assert "no secret key" in message
    assert "app.config['SECRET_KEY']" in message
