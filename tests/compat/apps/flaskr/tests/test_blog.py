from flask import session
from flaskr.db import get_db


def test_index_lists_posts(client):
    response = client.get("/")
    assert b"first" in response.data
    assert b"hello" in response.data


def test_create_adds_a_post(client, app):
    assert client.get("/create").status_code == 200
    response = client.post("/create", data={"title": "second", "body": "more"})
    assert response.headers["Location"] == "/"
    with app.app_context():
        count = get_db().execute("SELECT COUNT(id) FROM post").fetchone()[0]
    assert count == 2


def test_a_title_is_required(client):
    with client:
        response = client.post("/create", data={"title": " ", "body": ""})
        assert b"Title is required." in response.data
        # Shown once: rendering the page took the message out of the session.
        assert "_flashes" not in session
