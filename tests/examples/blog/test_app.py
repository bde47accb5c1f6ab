"""The factory, the database's life cycle and the CSRF check."""

from __future__ import annotations

import sqlite3
import typing as t
from pathlib import Path

from blog import create_app
from blog.db import get_db

from erlen import Erlen


def test_config_overrides_the_defaults(app: Erlen) -> None:
    assert app.testing
    assert app.secret_key == "test"
    assert not create_app({"DATABASE": app.config["DATABASE"]}).testing


def test_database_is_created_on_first_run(tmp_path: Path) -> None:
    path = tmp_path / "nested" / "blog.sqlite"
    create_app({"DATABASE": str(path)})
    with sqlite3.connect(path) as db:
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
    db.close()
    assert {"user", "post"} <= tables


def test_init_db_command_empties_the_database(app: Erlen, author: t.Any) -> None:
    author.write()
    result = app.test_cli_runner().invoke(args=["init-db"])
    assert "empty and ready" in result.output
    with app.app_context():
        assert get_db().execute("SELECT COUNT(*) FROM post").fetchone()[0] == 0


def test_connection_closes_with_the_context(app: Erlen) -> None:
    with app.app_context():
        db = get_db()
        assert get_db() is db
    try:
        db.execute("SELECT 1")
    except sqlite3.ProgrammingError as error:
        assert "closed" in str(error)
    else:
        raise AssertionError("the connection outlived its context")


def test_index_says_it_is_running(client: t.Any) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert b"up and running" in response.data
    stylesheet = client.get("/static/style.css")
    stylesheet.close()
    assert stylesheet.status_code == 200


def test_post_without_token_is_refused(client: t.Any) -> None:
    response = client.post("/auth/register", data={"username": "a", "password": "b" * 8})
    assert response.status_code == 400
    assert b"form expired" in response.data


def test_post_with_another_token_is_refused(client: t.Any) -> None:
    client.get("/auth/register")  # the form puts a token in the session
    response = client.post(
        "/auth/register",
        data={"username": "a", "password": "b" * 8, "csrf_token": "guess"},
    )
    assert response.status_code == 400


def test_forms_carry_the_sessions_token(client: t.Any) -> None:
    page = client.get("/auth/login").get_data(as_text=True)
    with client.session_transaction() as session:
        token = session["csrf_token"]
    assert f'name="csrf_token" value="{token}"' in page
