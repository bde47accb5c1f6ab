"""Flask's private ``RequestContext._session`` is readable, and the load stays lazy."""

from __future__ import annotations

import flask
from flask.globals import request_ctx


def _app() -> flask.Flask:
    app = flask.Flask(__name__)
    app.secret_key = "test"

    @app.get("/nothing")
    def nothing() -> str:
        return ""

    @app.get("/touch")
    def touch() -> str:
        flask.session["seen"] = True
        return ""

    return app


def test_an_untouched_session_is_opened_only_when_flask_code_reads_it() -> None:
    with _app().test_client() as client:
        client.get("/nothing")
        assert not request_ctx.session_loaded
        assert request_ctx._session is not None
        assert not request_ctx._session.accessed
        assert not request_ctx._session.modified


def test_a_touched_session_is_the_one_flask_code_reads() -> None:
    with _app().test_client() as client:
        response = client.get("/touch")
        assert "cookie" in response.vary
        assert request_ctx._session is request_ctx.session
        assert request_ctx._session.accessed
        assert request_ctx._session.modified


def test_a_copied_context_shares_the_session() -> None:
    app = _app()
    with app.test_request_context("/"):
        copy = request_ctx.copy()
        assert type(copy) is type(request_ctx._get_current_object())
        assert copy.session is request_ctx._session
