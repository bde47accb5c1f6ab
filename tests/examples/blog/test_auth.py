"""Register, log in, log out, and where logging in leads."""

from __future__ import annotations

import pytest
from blog.db import get_db
from visitor import PASSWORD
from visitor import Visitor

from erlen import Erlen


def test_register_stores_a_hashed_password(app: Erlen, visitor: Visitor) -> None:
    response = visitor.register()
    assert response.headers["Location"] == "/auth/login"
    with app.app_context():
        row = get_db().execute("SELECT * FROM user WHERE username = 'ada'").fetchone()
    assert row["password_hash"] != PASSWORD
    assert b"account is ready" in visitor.get("/auth/login").data


@pytest.mark.parametrize(
    ("username", "password", "message"),
    [
        ("", PASSWORD, b"Choose a username."),
        ("ada", "short", b"at least 8 characters"),
    ],
)
def test_register_refuses_bad_input(
    visitor: Visitor, username: str, password: str, message: bytes
) -> None:
    response = visitor.register(username, password)
    assert response.status_code == 200
    assert message in response.data


def test_register_refuses_a_taken_username(visitor: Visitor) -> None:
    visitor.register()
    assert b"is taken" in visitor.register().data


def test_log_in_and_out(visitor: Visitor) -> None:
    visitor.register()
    response = visitor.log_in()
    assert response.headers["Location"] == "/"
    page = visitor.get("/").data
    assert b"Welcome back, ada." in page
    assert b"Log out" in page

    response = visitor.post("/auth/logout")
    assert response.headers["Location"] == "/"
    with visitor.client.session_transaction() as session:
        assert "user_id" not in session
    assert b"You are logged out." in visitor.get("/").data


@pytest.mark.parametrize(("username", "password"), [("ada", "wrong password"), ("bob", PASSWORD)])
def test_log_in_refuses_wrong_credentials(
    visitor: Visitor, username: str, password: str
) -> None:
    visitor.register()
    response = visitor.log_in(username, password)
    assert response.status_code == 200
    assert b"Wrong username or password." in response.data


def test_login_required_sends_to_login_and_back(visitor: Visitor) -> None:
    response = visitor.get("/new")
    assert response.headers["Location"] == "/auth/login?next=/new?"
    visitor.register()
    response = visitor.post("/auth/login?next=/new", {"username": "ada", "password": PASSWORD})
    assert response.headers["Location"] == "/new"


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example",
        "/\t/evil.example",
        "/%09/evil.example",
        "javascript:alert(1)",
    ],
)
def test_log_in_ignores_a_next_that_leaves_the_site(visitor: Visitor, target: str) -> None:
    visitor.register()
    response = visitor.post(
        "/auth/login", {"username": "ada", "password": PASSWORD}, query_string={"next": target}
    )
    assert response.headers["Location"] == "/"
