"""Turning view return values into responses; abort, redirect and jsonify."""

from __future__ import annotations

import typing as t
from http import HTTPStatus

import pytest
from werkzeug.datastructures import Headers
from werkzeug.exceptions import Forbidden
from werkzeug.exceptions import HTTPException
from werkzeug.exceptions import NotFound
from werkzeug.test import Client
from werkzeug.test import create_environ
from werkzeug.wrappers import Response as WerkzeugResponse

import erlen
from erlen import Erlen
from erlen import Response

if t.TYPE_CHECKING:
    from collections.abc import Iterable
    from collections.abc import Iterator

    from _typeshed.wsgi import StartResponse
    from _typeshed.wsgi import WSGIEnvironment


@pytest.fixture
def app() -> Erlen:
    app = Erlen(__name__)
    app.testing = True
    return app


def serve(app: Erlen, value: t.Any) -> WerkzeugResponse:
    """Return ``value`` from a view at ``/`` and request it."""
    app.add_url_rule("/", "value", lambda: value)
    return Client(app).get("/")


# --- bodies ------------------------------------------------------------------


def test_str_is_an_html_body(app: Erlen) -> None:
    response = serve(app, "Grüße")
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    assert response.mimetype_params["charset"] == "utf-8"
    assert response.text == "Grüße"


def test_bytes_are_the_body(app: Erlen) -> None:
    response = serve(app, b"\x00\xff")
    assert response.data == b"\x00\xff"


def test_dict_is_json(app: Erlen) -> None:
    response = serve(app, {"a": 1, "b": [1, 2]})
    assert response.mimetype == "application/json"
    assert response.json == {"a": 1, "b": [1, 2]}


def test_list_is_json(app: Erlen) -> None:
    response = serve(app, [1, "two", None])
    assert response.mimetype == "application/json"
    assert response.json == [1, "two", None]


def test_response_object_is_used_as_is(app: Erlen) -> None:
    response = serve(app, Response("made", status=202, mimetype="text/plain"))
    assert response.status_code == 202
    assert response.mimetype == "text/plain"
    assert response.text == "made"


def test_other_response_class_is_converted(app: Erlen) -> None:
    original = WerkzeugResponse("plain", status=201, headers={"X-Kept": "yes"})
    with app.test_request_context():
        response = app.make_response(original)
    assert isinstance(response, Response)
    assert response.status_code == 201
    assert response.headers["X-Kept"] == "yes"


def test_http_exception_returned_is_its_response(app: Erlen) -> None:
    response = serve(app, NotFound("No page here."))
    assert response.status_code == 404
    assert "No page here." in response.text


def test_wsgi_callable_is_called(app: Erlen) -> None:
    def wsgi(
        environ: WSGIEnvironment, start_response: StartResponse
    ) -> Iterable[bytes]:
        start_response(
            "203 NON-AUTHORITATIVE INFORMATION", [("X-Wsgi", environ["PATH_INFO"])]
        )
        return [b"from wsgi"]

    response = serve(app, wsgi)
    assert response.status_code == 203
    assert response.headers["X-Wsgi"] == "/"
    assert response.data == b"from wsgi"


def test_generator_is_streamed(app: Erlen) -> None:
    produced: list[str] = []

    @app.route("/")
    def stream() -> Iterator[str]:
        def generate() -> Iterator[str]:
            for part in ("a", "b", "c"):
                produced.append(part)
                yield part

        return generate()

    statuses: list[str] = []
    body = app(create_environ("/"), lambda status, headers: statuses.append(status))
    # The view has returned and the response started, but nothing was produced yet.
    assert statuses == ["200 OK"]
    assert produced == []
    assert b"".join(body) == b"abc"
    assert produced == ["a", "b", "c"]


def test_iterator_is_a_body(app: Erlen) -> None:
    response = serve(app, iter([b"x", b"y"]))
    assert response.data == b"xy"


# --- tuples ------------------------------------------------------------------


def test_tuple_body_status(app: Erlen) -> None:
    response = serve(app, ("created", 201))
    assert response.status_code == 201
    assert response.text == "created"


def test_tuple_status_as_http_status(app: Erlen) -> None:
    response = serve(app, ("created", HTTPStatus.CREATED))
    assert response.status == "201 CREATED"


def test_tuple_status_as_string(app: Erlen) -> None:
    response = serve(app, ("brewing", "418 I'M A TEAPOT"))
    assert response.status == "418 I'M A TEAPOT"


def test_tuple_status_code_as_string(app: Erlen) -> None:
    response = serve(app, ("accepted", "202"))
    assert response.status_code == 202


@pytest.mark.parametrize(
    "headers",
    [
        {"X-Extra": "1"},
        [("X-Extra", "1")],
        Headers({"X-Extra": "1"}),
    ],
    ids=["dict", "list", "Headers"],
)
def test_tuple_body_headers(app: Erlen, headers: t.Any) -> None:
    response = serve(app, ("body", headers))
    assert response.status_code == 200
    assert response.headers["X-Extra"] == "1"


def test_tuple_body_status_headers(app: Erlen) -> None:
    response = serve(app, ("gone", 410, {"X-Reason": "moved on"}))
    assert response.status_code == 410
    assert response.headers["X-Reason"] == "moved on"


def test_tuple_headers_can_set_content_type(app: Erlen) -> None:
    response = serve(app, ("plain", {"Content-Type": "text/plain"}))
    assert response.mimetype == "text/plain"


def test_tuple_with_json_body(app: Erlen) -> None:
    response = serve(app, ({"error": "nope"}, 422, {"X-A": "b"}))
    assert response.status_code == 422
    assert response.json == {"error": "nope"}
    assert response.headers["X-A"] == "b"


def test_tuple_with_response_object_overrides_status_and_headers(app: Erlen) -> None:
    original = Response("r", headers={"X-A": "old"})
    response = serve(app, (original, 299, {"X-A": "new"}))
    assert response.status_code == 299
    assert response.headers.getlist("X-A") == ["new"]


@pytest.mark.parametrize("value", [("only",), ("a", 200, {}, "extra")], ids=["1", "4"])
def test_tuple_of_wrong_length_is_type_error(
    app: Erlen, value: tuple[t.Any, ...]
) -> None:
    with pytest.raises(TypeError, match=r"\(body, status, headers\)"):
        serve(app, value)


# --- invalid return values ---------------------------------------------------


def test_none_is_type_error_naming_the_endpoint(app: Erlen) -> None:
    @app.route("/")
    def forgetful() -> None:
        pass

    with pytest.raises(TypeError, match="'forgetful' did not return a valid response"):
        Client(app).get("/")


def test_none_body_in_tuple_is_type_error(app: Erlen) -> None:
    with pytest.raises(TypeError, match="returned None"):
        serve(app, (None, 201))


def test_unsupported_type_is_type_error(app: Erlen) -> None:
    with pytest.raises(TypeError, match="it was a int"):
        serve(app, 42)


def test_callable_that_is_not_wsgi_is_type_error(app: Erlen) -> None:
    def not_wsgi() -> str:
        return "oops"

    with pytest.raises(TypeError, match="did not return a valid response.*function"):
        serve(app, not_wsgi)


def test_invalid_return_answers_500_when_not_testing(app: Erlen) -> None:
    app.testing = False
    app.logger.disabled = True
    assert serve(app, 42).status_code == 500


# --- erlen.make_response -----------------------------------------------------


def test_make_response_lets_the_view_change_the_response(app: Erlen) -> None:
    @app.route("/")
    def index() -> Response:
        response = erlen.make_response("body", 201)
        response.headers["X-Changed"] = "yes"
        return response

    response = Client(app).get("/")
    assert response.status_code == 201
    assert response.headers["X-Changed"] == "yes"
    assert response.text == "body"


def test_make_response_forms(app: Erlen) -> None:
    with app.test_request_context():
        empty = erlen.make_response()
        assert empty.status_code == 200
        assert empty.data == b""
        assert erlen.make_response("x").get_data(as_text=True) == "x"
        assert erlen.make_response({"k": "v"}).json == {"k": "v"}
        combined = erlen.make_response("y", 404, {"X-H": "1"})
        assert combined.status_code == 404
        assert combined.headers["X-H"] == "1"


def test_make_response_needs_an_app_context() -> None:
    with pytest.raises(RuntimeError, match="application context"):
        erlen.make_response("x")


# --- abort -------------------------------------------------------------------


def test_abort_with_code(app: Erlen) -> None:
    @app.route("/")
    def index() -> str:
        erlen.abort(403)

    response = Client(app).get("/")
    assert response.status_code == 403
    assert "Forbidden" in response.text


def test_abort_with_description(app: Erlen) -> None:
    @app.route("/")
    def index() -> str:
        erlen.abort(404, description="No such widget.")

    response = Client(app).get("/")
    assert response.status_code == 404
    assert "No such widget." in response.text


def test_abort_with_response(app: Erlen) -> None:
    @app.route("/")
    def index() -> str:
        erlen.abort(Response("custom stop", status=429))

    response = Client(app).get("/")
    assert response.status_code == 429
    assert response.text == "custom stop"


def test_abort_reaches_error_handler(app: Erlen) -> None:
    @app.errorhandler(404)
    def not_found(e: NotFound) -> tuple[str, int]:
        return f"handled {e.code}", 404

    @app.route("/")
    def index() -> str:
        erlen.abort(404)

    assert Client(app).get("/").text == "handled 404"


def test_abort_uses_the_apps_aborter_for_custom_codes(app: Erlen) -> None:
    class PaymentRequired(HTTPException):
        code = 402
        description = "Pay first."

    app.aborter.mapping[402] = PaymentRequired
    with app.app_context():
        with pytest.raises(PaymentRequired):
            erlen.abort(402)


def test_abort_outside_app_context_raises_http_exception() -> None:
    with pytest.raises(Forbidden):
        erlen.abort(403)


def test_abort_unknown_code_is_lookup_error(app: Erlen) -> None:
    with app.app_context():
        with pytest.raises(LookupError, match="999"):
            erlen.abort(999)


# --- redirect ----------------------------------------------------------------


def test_redirect_defaults_to_302(app: Erlen) -> None:
    @app.route("/old")
    def old() -> WerkzeugResponse:
        return erlen.redirect("/new")

    response = Client(app).get("/old")
    assert response.status_code == 302
    assert response.headers["Location"] == "/new"
    assert isinstance(response, WerkzeugResponse)


@pytest.mark.parametrize("code", [301, 303, 307, 308])
def test_redirect_with_code(app: Erlen, code: int) -> None:
    @app.route("/old")
    def old() -> WerkzeugResponse:
        return erlen.redirect("/new", code=code)

    response = Client(app).get("/old")
    assert response.status_code == code
    assert response.headers["Location"] == "/new"


def test_redirect_uses_the_apps_response_class(app: Erlen) -> None:
    with app.app_context():
        assert isinstance(erlen.redirect("/x"), Response)


def test_redirect_outside_app_context() -> None:
    response = erlen.redirect("https://example.test/", code=301)
    assert response.status_code == 301
    assert response.headers["Location"] == "https://example.test/"


def test_redirect_followed_by_client(app: Erlen) -> None:
    @app.route("/old")
    def old() -> WerkzeugResponse:
        return erlen.redirect(erlen.url_for("new"))

    @app.route("/new")
    def new() -> str:
        return "arrived"

    assert Client(app).get("/old", follow_redirects=True).text == "arrived"


# --- jsonify -----------------------------------------------------------------


def test_jsonify_keyword_arguments(app: Erlen) -> None:
    with app.app_context():
        response = erlen.jsonify(name="erlen", n=1)
    assert response.mimetype == "application/json"
    assert response.json == {"name": "erlen", "n": 1}


def test_jsonify_positional_arguments(app: Erlen) -> None:
    with app.app_context():
        assert erlen.jsonify([1, 2]).json == [1, 2]
        assert erlen.jsonify(1, 2, 3).json == [1, 2, 3]
        assert erlen.jsonify().json is None


def test_jsonify_mixed_arguments_is_type_error(app: Erlen) -> None:
    with app.app_context():
        with pytest.raises(TypeError):
            erlen.jsonify(1, a=2)


def test_jsonify_from_a_view_with_status(app: Erlen) -> None:
    @app.route("/")
    def index() -> tuple[Response, int]:
        return erlen.jsonify(error="missing"), 404

    response = Client(app).get("/")
    assert response.status_code == 404
    assert response.json == {"error": "missing"}
