"""Flask extensions, installed unchanged, run on Erlen.

Each is installed with its dependencies, the real Flask among them (see
hatch.toml); ``import flask`` inside them still reaches Erlen, through
erlen-flask-compat.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from flask import Flask
from flask import jsonify
from flask import render_template_string
from flask import request
from flask_cors import CORS
from flask_login import current_user
from flask_login import login_required
from flask_login import login_user
from flask_login import LoginManager
from flask_login import logout_user
from flask_login import UserMixin
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import FlaskForm
from flask_wtf.csrf import CSRFProtect
from sqlalchemy.orm import Mapped
from sqlalchemy.orm import mapped_column
from wtforms import StringField
from wtforms.validators import DataRequired


def make_app() -> Flask:
    app = Flask(__name__)
    app.config.update(SECRET_KEY="compat tests", TESTING=True)
    return app


# -- Flask-Login --------------------------------------------------------------


class User(UserMixin):
    def __init__(self, user_id: str) -> None:
        self.id = user_id


@pytest.fixture
def login_app() -> Flask:
    app = make_app()
    manager = LoginManager(app)
    manager.login_view = "login"

    @manager.user_loader
    def load_user(user_id: str) -> User | None:
        return User(user_id) if user_id in {"ada", "grace"} else None

    @app.post("/login")
    def login() -> str:
        login_user(User(request.form["name"]))
        return "logged in"

    @app.get("/login")
    def login_page() -> str:
        return "please log in"

    @app.post("/logout")
    def logout() -> str:
        logout_user()
        return "logged out"

    @app.get("/me")
    @login_required
    def me() -> str:
        return f"you are {current_user.id}"

    return app


def test_login_required_redirects_anonymous_users_to_the_login_view(
    login_app: Flask,
) -> None:
    response = login_app.test_client().get("/me")
    assert response.status_code == 302
    assert response.location.startswith("/login?next=")


def test_current_user_is_remembered_across_requests(login_app: Flask) -> None:
    client = login_app.test_client()
    assert client.post("/login", data={"name": "ada"}).text == "logged in"
    assert client.get("/me").text == "you are ada"
    assert client.get("/me").text == "you are ada"
    client.post("/logout")
    assert client.get("/me").status_code == 302


def test_each_client_has_its_own_user(login_app: Flask) -> None:
    ada, grace = login_app.test_client(), login_app.test_client()
    ada.post("/login", data={"name": "ada"})
    grace.post("/login", data={"name": "grace"})
    assert ada.get("/me").text == "you are ada"
    assert grace.get("/me").text == "you are grace"


def test_login_required_answers_401_without_a_login_view() -> None:
    app = make_app()
    manager = LoginManager(app)
    manager.user_loader(lambda user_id: None)

    @app.get("/secret")
    @login_required
    def secret() -> str:
        return "secret"

    assert app.test_client().get("/secret").status_code == 401


# -- Flask-WTF ----------------------------------------------------------------


class NameForm(FlaskForm):
    name = StringField(validators=[DataRequired()])


@pytest.fixture
def form_app() -> Flask:
    app = make_app()
    CSRFProtect(app)

    @app.route("/name", methods=["GET", "POST"])
    def name() -> str:
        form = NameForm()
        if form.validate_on_submit():
            return f"hello {form.name.data}"
        return render_template_string(
            "<form method=post>{{ form.csrf_token }}{{ form.name }}</form>", form=form
        )

    return app


def _csrf_token(html: str) -> str:
    match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html)
    assert match is not None, html
    return match.group(1)


def test_a_form_with_a_valid_csrf_token_is_accepted(form_app: Flask) -> None:
    client = form_app.test_client()
    token = _csrf_token(client.get("/name").text)
    response = client.post("/name", data={"name": "Ada", "csrf_token": token})
    assert response.status_code == 200
    assert response.text == "hello Ada"


def test_a_form_without_a_csrf_token_is_refused(form_app: Flask) -> None:
    client = form_app.test_client()
    client.get("/name")
    response = client.post("/name", data={"name": "Ada"})
    assert response.status_code == 400
    assert "The CSRF token is missing." in response.text


def test_a_token_from_another_session_is_refused(form_app: Flask) -> None:
    token = _csrf_token(form_app.test_client().get("/name").text)
    other = form_app.test_client()
    other.get("/name")
    response = other.post("/name", data={"name": "Ada", "csrf_token": token})
    assert response.status_code == 400


# -- Flask-SQLAlchemy -----------------------------------------------------------


@pytest.fixture
def db_app(tmp_path: Path) -> Flask:
    app = make_app()
    app.config["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{tmp_path / 'notes.db'}"
    db = SQLAlchemy(app)

    class Note(db.Model):  # type: ignore[name-defined, misc]
        id: Mapped[int] = mapped_column(primary_key=True)
        text: Mapped[str]

    with app.app_context():
        db.create_all()

    @app.post("/notes")
    def add_note() -> tuple[dict[str, int], int]:
        note = Note(text=request.form["text"])
        db.session.add(note)
        db.session.commit()
        return {"id": note.id}, 201

    @app.get("/notes")
    def list_notes() -> object:
        notes = db.session.scalars(db.select(Note).order_by(Note.id))
        return jsonify([note.text for note in notes])

    @app.get("/notes/<int:note_id>")
    def get_note(note_id: int) -> str:
        return db.get_or_404(Note, note_id).text  # type: ignore[no-any-return]

    return app


def test_a_model_saved_in_one_request_is_queried_in_the_next(db_app: Flask) -> None:
    client = db_app.test_client()
    assert client.post("/notes", data={"text": "first"}).json == {"id": 1}
    assert client.post("/notes", data={"text": "second"}).json == {"id": 2}
    assert client.get("/notes").json == ["first", "second"]
    assert client.get("/notes/2").text == "second"


def test_get_or_404_aborts_through_erlen(db_app: Flask) -> None:
    assert db_app.test_client().get("/notes/99").status_code == 404


# -- Flask-CORS ---------------------------------------------------------------


@pytest.fixture
def cors_app() -> Flask:
    app = make_app()
    CORS(app, resources={r"/api/*": {"origins": "https://shop.example"}})

    @app.route("/api/items", methods=["GET", "PUT"])
    def items() -> object:
        return jsonify(["apple"])

    return app


def test_a_preflight_from_an_allowed_origin_gets_cors_headers(cors_app: Flask) -> None:
    response = cors_app.test_client().options(
        "/api/items",
        headers={
            "Origin": "https://shop.example",
            "Access-Control-Request-Method": "PUT",
        },
    )
    assert response.status_code == 200
    assert response.headers["Access-Control-Allow-Origin"] == "https://shop.example"
    assert "PUT" in response.headers["Access-Control-Allow-Methods"]


def test_a_preflight_from_another_origin_gets_none(cors_app: Flask) -> None:
    response = cors_app.test_client().options(
        "/api/items",
        headers={
            "Origin": "https://evil.example",
            "Access-Control-Request-Method": "PUT",
        },
    )
    assert "Access-Control-Allow-Origin" not in response.headers


def test_a_simple_request_gets_the_allow_origin_header(cors_app: Flask) -> None:
    response = cors_app.test_client().get(
        "/api/items", headers={"Origin": "https://shop.example"}
    )
    assert response.json == ["apple"]
    assert response.headers["Access-Control-Allow-Origin"] == "https://shop.example"
