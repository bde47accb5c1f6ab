"""More Flask extensions, installed with their dependencies, on Erlen.

Flask-Session (its Redis interface, against a real redis-server),
Flask-Limiter, Flask-Babel, Flask-JWT-Extended, flask-smorest, Flask-Migrate
(through the ``flask db`` command, run as a process) and Flask-Mail, each
through a real request cycle. The real Flask their requirements brought in
is installed too; ``import flask`` is Erlen all the same.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
import typing as t
from pathlib import Path

import marshmallow as ma
import pytest
import redis
from flask import Flask
from flask import request
from flask import session
from flask.views import MethodView
from flask_babel import Babel
from flask_babel import format_decimal
from flask_jwt_extended import create_access_token
from flask_jwt_extended import get_jwt_identity
from flask_jwt_extended import jwt_required
from flask_jwt_extended import JWTManager
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_mail import Mail
from flask_mail import Message
from flask_session import Session
from flask_smorest import Api
from flask_smorest import Blueprint

import erlen


def make_app(**config: t.Any) -> Flask:
    app = Flask(__name__)
    app.config.update(SECRET_KEY="compat tests", TESTING=True, **config)
    return app


def test_the_app_class_extensions_see_is_erlens() -> None:
    assert issubclass(Flask, erlen.Erlen)


# -- Flask-Session, on Redis ---------------------------------------------------


def test_flask_session_keeps_the_session_in_redis(redis_url: str) -> None:
    store = redis.Redis.from_url(redis_url)
    store.flushall()
    app = make_app(SESSION_TYPE="redis", SESSION_REDIS=store)
    Session(app)

    @app.post("/cart")
    def add() -> str:
        session["cart"] = [*session.get("cart", []), request.form["item"]]
        return "added"

    @app.get("/cart")
    def cart() -> object:
        return {"cart": session.get("cart", [])}

    client = app.test_client()
    client.post("/cart", data={"item": "apple"})
    client.post("/cart", data={"item": "pear"})
    assert client.get("/cart").json == {"cart": ["apple", "pear"]}
    # The cookie holds an id; the data is in Redis, under Flask-Session's prefix.
    (key,) = store.keys("session:*")
    cookie = client.get_cookie("session")
    assert cookie is not None and key.decode() == f"session:{cookie.value}"
    assert app.test_client().get("/cart").json == {"cart": []}


# -- Flask-Limiter -------------------------------------------------------------


def test_flask_limiter_answers_429_past_the_limit() -> None:
    app = make_app()
    limiter = Limiter(get_remote_address, app=app, storage_uri="memory://")

    @app.get("/search")
    @limiter.limit("2 per minute")
    def search() -> str:
        return "results"

    client = app.test_client()
    assert [client.get("/search").status_code for _ in range(3)] == [200, 200, 429]
    other = client.get("/search", environ_base={"REMOTE_ADDR": "10.0.0.2"})
    assert other.status_code == 200


# -- Flask-Babel ---------------------------------------------------------------


def test_flask_babel_formats_for_the_locale_the_request_selects() -> None:
    app = make_app()
    Babel(app, locale_selector=lambda: request.args.get("lang", "en"))

    @app.get("/price")
    def price() -> str:
        return format_decimal(1234.5)

    client = app.test_client()
    assert client.get("/price").text == "1,234.5"
    assert client.get("/price?lang=de").text == "1.234,5"


# -- Flask-JWT-Extended --------------------------------------------------------


def test_flask_jwt_extended_protects_a_view_with_a_token() -> None:
    app = make_app(JWT_SECRET_KEY="a jwt key that is long enough for HS256")
    JWTManager(app)

    @app.post("/token")
    def token() -> object:
        return {"token": create_access_token(identity=request.form["name"])}

    @app.get("/me")
    @jwt_required()
    def me() -> object:
        return {"name": get_jwt_identity()}

    client = app.test_client()
    assert client.get("/me").status_code == 401
    issued = client.post("/token", data={"name": "ada"}).json["token"]
    response = client.get("/me", headers={"Authorization": f"Bearer {issued}"})
    assert response.json == {"name": "ada"}


# -- flask-smorest -------------------------------------------------------------


class PetSchema(ma.Schema):
    id = ma.fields.Int(dump_only=True)
    name = ma.fields.Str(required=True)


def test_flask_smorest_validates_serializes_and_documents() -> None:
    app = make_app(
        API_TITLE="Pets", API_VERSION="1", OPENAPI_VERSION="3.0.3", OPENAPI_URL_PREFIX="/"
    )
    api = Api(app)
    pets = Blueprint("pets", __name__, url_prefix="/pets")
    stored: list[dict[str, t.Any]] = []

    @pets.route("/")
    class Pets(MethodView):
        @pets.response(200, PetSchema(many=True))
        def get(self) -> list[dict[str, t.Any]]:
            return stored

        @pets.arguments(PetSchema)
        @pets.response(201, PetSchema)
        def post(self, pet: dict[str, t.Any]) -> dict[str, t.Any]:
            stored.append({"id": len(stored) + 1, **pet})
            return stored[-1]

    api.register_blueprint(pets)
    client = app.test_client()
    assert client.post("/pets/", json={"name": "Rex"}).json == {"id": 1, "name": "Rex"}
    assert client.post("/pets/", json={}).status_code == 422
    assert client.get("/pets/").json == [{"id": 1, "name": "Rex"}]
    spec = client.get("/openapi.json").json
    assert set(spec["paths"]["/pets/"]) == {"get", "post"}


# -- Flask-Migrate, through the `flask db` command -----------------------------

MIGRATED_APP = """
from flask import Flask, request
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy

app = Flask(__name__)
app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite:///notes.db"
db = SQLAlchemy(app)
Migrate(app, db)


class Note(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    text = db.Column(db.String(200), nullable=False)


@app.post("/notes")
def add_note():
    db.session.add(Note(text=request.form["text"]))
    db.session.commit()
    return {"count": db.session.query(Note).count()}
"""


def test_flask_migrate_creates_and_applies_a_migration(
    tmp_path: Path,
    clean_env: dict[str, str],
    command: t.Callable[[str], str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    (tmp_path / "notes_app.py").write_text(textwrap.dedent(MIGRATED_APP), "utf-8")
    flask = command("flask")
    for args in (["init"], ["migrate", "-m", "notes"], ["upgrade"]):
        done = subprocess.run(
            [flask, "--app", "notes_app", "db", *args],
            cwd=tmp_path,
            env=clean_env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert done.returncode == 0, done.stderr
    (version,) = (tmp_path / "migrations" / "versions").glob("*_notes.py")
    assert "create_table('note'" in version.read_text("utf-8")
    database = tmp_path / "instance" / "notes.db"
    with sqlite3.connect(database) as connection:
        tables = {row[0] for row in connection.execute("select name from sqlite_master")}
    assert {"note", "alembic_version"} <= tables
    # The migrated database serves the app's requests.
    monkeypatch.chdir(tmp_path)
    monkeypatch.syspath_prepend(str(tmp_path))
    try:
        from notes_app import app  # type: ignore[import-not-found]

        response = app.test_client().post("/notes", data={"text": "hello"})
        assert response.json == {"count": 1}
    finally:
        sys.modules.pop("notes_app", None)


# -- Flask-Mail ----------------------------------------------------------------


def test_flask_mail_sends_from_a_view_to_the_test_outbox() -> None:
    app = make_app(MAIL_DEFAULT_SENDER="shop@example.test")
    mail = Mail(app)

    @app.post("/welcome")
    def welcome() -> str:
        mail.send(
            Message("Welcome", recipients=[request.form["to"]], body="Hello!")
        )
        return "sent"

    with mail.record_messages() as outbox:
        response = app.test_client().post("/welcome", data={"to": "ada@example.test"})
    assert response.text == "sent"
    (message,) = outbox
    assert (message.subject, message.recipients, message.sender) == (
        "Welcome",
        ["ada@example.test"],
        "shop@example.test",
    )
    with app.app_context():  # Flask-Mail reads its settings to render
        assert "Hello!" in message.as_string()
