import sqlite3

import pytest
from flaskr.db import get_db


def test_get_db_is_one_connection_per_context(app):
    with app.app_context():
        db = get_db()
        assert db is get_db()
    with pytest.raises(sqlite3.ProgrammingError, match="closed"):
        db.execute("SELECT 1")


def test_init_db_command(runner, monkeypatch):
    called = []
    monkeypatch.setattr("flaskr.db.init_db", lambda: called.append(True))
    result = runner.invoke(args=["init-db"])
    assert "Initialized" in result.output
    assert called


def test_csrf_protects_forms_outside_tests(app):
    app.config["WTF_CSRF_ENABLED"] = True
    response = app.test_client().post("/create", data={"title": "x"})
    assert response.status_code == 400
