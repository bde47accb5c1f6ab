"""Shapes real Flask apps give their responses and errors, answered as Flask does.

Found running the test suites of open-source Flask apps on Erlen (issue 20):
each once took a speed shortcut that assumed a shape Flask never assumed.
"""

from __future__ import annotations

import typing as t

import flask
from werkzeug.exceptions import HTTPException
from werkzeug.routing import RoutingException
from werkzeug.wrappers import Response as WerkzeugResponse


class Redirect303(HTTPException, RoutingException):
    """A redirect raised from anywhere in a view, as apps write it: it never
    calls ``HTTPException.__init__`` and writes its own response."""

    code = 303

    def __init__(self, location: str) -> None:
        self.location = location

    def get_response(self, environ: t.Any = None, scope: t.Any = None) -> t.Any:
        return WerkzeugResponse("", 303, headers={"Location": self.location})


def _app() -> flask.Flask:
    app = flask.Flask(__name__)

    @app.route("/forbidden")
    def forbidden() -> flask.Response:
        response = flask.make_response("not yours", 403)
        response.headers = {"X-Reason": "owner", "Content-Type": "text/plain"}  # type: ignore[assignment]
        return response

    @app.route("/pairs")
    def pairs() -> flask.Response:
        response = flask.Response("paired")
        response.headers = [("X-Pair", "1"), ("X-Pair", "2")]  # type: ignore[assignment]
        return response

    @app.route("/elsewhere")
    def elsewhere() -> str:
        raise Redirect303("/there")

    return app


def test_a_dict_assigned_to_response_headers_is_sent() -> None:
    response = _app().test_client().get("/forbidden")
    assert response.status_code == 403
    assert response.headers["X-Reason"] == "owner"
    assert response.headers["Content-Type"] == "text/plain"
    assert response.headers["Content-Length"] == "9"
    assert response.data == b"not yours"


def test_pairs_assigned_to_response_headers_are_sent() -> None:
    response = _app().test_client().get("/pairs")
    assert (response.status_code, response.data) == (200, b"paired")
    assert response.headers.getlist("X-Pair") == ["1", "2"]


def test_an_exception_with_its_own_response_and_no_init_is_sent() -> None:
    response = _app().test_client().get("/elsewhere")
    assert response.status_code == 303
    assert response.headers["Location"] == "/there"
    assert response.data == b""
