"""Error handling: handler lookup, propagation and trapping, Flask's rules."""

from __future__ import annotations

import typing as t
from pathlib import Path

import pytest
from werkzeug.exceptions import BadRequest
from werkzeug.exceptions import BadRequestKeyError
from werkzeug.exceptions import Forbidden
from werkzeug.exceptions import HTTPException
from werkzeug.exceptions import InternalServerError
from werkzeug.exceptions import MethodNotAllowed
from werkzeug.exceptions import NotFound
from werkzeug.test import Client

from erlen import abort
from erlen import Blueprint
from erlen import Erlen
from erlen import request
from erlen.wrappers import Response


@pytest.fixture
def app(tmp_path: Path) -> Erlen:
    return Erlen("erlen_test_errors", root_path=str(tmp_path))


def raiser(error: BaseException) -> t.Callable[..., t.NoReturn]:
    """A view (or handler) that raises ``error``."""

    def view(*args: t.Any) -> t.NoReturn:
        raise error

    return view


def describe(e: BaseException) -> tuple[str, int]:
    """A handler answering with the class it was given, status 299."""
    return type(e).__name__, 299


# --- by status code and by class ----------------------------------------------


def test_handler_by_status_code_handles_abort(app: Erlen) -> None:
    app.register_error_handler(404, lambda e: (f"custom {e.code}", 404))
    app.add_url_rule("/gone", "gone", lambda: abort(404))
    client = Client(app)
    for url in ("/gone", "/no-such-url"):
        response = client.get(url)
        assert (response.status_code, response.data) == (404, b"custom 404")


def test_status_code_and_its_class_are_the_same_key(app: Erlen) -> None:
    app.register_error_handler(404, lambda e: "by code")
    app.register_error_handler(NotFound, lambda e: "by class")
    assert Client(app).get("/missing").data == b"by class"


def test_handler_by_exception_class(app: Erlen) -> None:
    class OutOfStock(Exception):
        pass

    @app.errorhandler(OutOfStock)
    def out_of_stock(e: OutOfStock) -> tuple[str, int]:
        return f"sorry: {e}", 409

    app.add_url_rule("/buy", "buy", raiser(OutOfStock("no more apples")))
    response = Client(app).get("/buy")
    assert (response.status_code, response.data) == (409, b"sorry: no more apples")


@pytest.mark.parametrize(
    ("error", "handled_by"),
    [
        (KeyError("k"), "KeyError"),
        (IndexError("i"), "LookupError"),
        (ValueError("v"), "Exception"),
        (NotFound(), "Exception"),
    ],
)
def test_most_specific_class_wins_whatever_the_registration_order(
    app: Erlen, error: Exception, handled_by: str
) -> None:
    for cls in (Exception, KeyError, LookupError):
        app.register_error_handler(cls, lambda e, name=cls.__name__: (name, 299))
    app.add_url_rule("/", "index", raiser(error))
    assert Client(app).get("/").data == handled_by.encode()


def test_subclass_of_a_handled_class_uses_the_parent_handler(app: Erlen) -> None:
    class Parent(Exception):
        pass

    class RegisteredChild(Parent):
        pass

    class UnregisteredChild(Parent):
        pass

    app.register_error_handler(Parent, lambda e: "parent")
    app.register_error_handler(RegisteredChild, lambda e: "child")
    app.add_url_rule("/registered", "registered", raiser(RegisteredChild()))
    app.add_url_rule("/unregistered", "unregistered", raiser(UnregisteredChild()))
    client = Client(app)
    assert client.get("/registered").data == b"child"
    assert client.get("/unregistered").data == b"parent"


def test_http_exception_subclass_falls_back_to_its_code_handler(app: Erlen) -> None:
    class RegisteredForbidden(Forbidden):
        pass

    class UnregisteredForbidden(Forbidden):
        pass

    app.register_error_handler(403, lambda e: ("forbidden", 403))
    app.register_error_handler(RegisteredForbidden, lambda e: ("registered", 403))
    app.add_url_rule("/registered", "registered", raiser(RegisteredForbidden()))
    app.add_url_rule("/unregistered", "unregistered", raiser(UnregisteredForbidden()))
    client = Client(app)
    assert client.get("/registered").data == b"registered"
    assert client.get("/unregistered").data == b"forbidden"


def test_code_handler_wins_over_a_generic_http_exception_handler(app: Erlen) -> None:
    app.register_error_handler(HTTPException, lambda e: (f"generic {e.code}", e.code))
    app.register_error_handler(404, lambda e: ("specific", 404))
    app.add_url_rule("/forbidden", "forbidden", lambda: abort(403))
    client = Client(app)
    assert client.get("/missing").data == b"specific"
    assert client.get("/forbidden").data == b"generic 403"


def test_handler_for_a_custom_http_exception_with_its_own_code(app: Erlen) -> None:
    class RetryLater(HTTPException):
        code = 499
        description = "Try again soon."

    app.register_error_handler(RetryLater, lambda e: (f"custom {e.code}", e.code))
    app.add_url_rule("/", "index", raiser(RetryLater()))
    response = Client(app).get("/")
    assert (response.status_code, response.data) == (499, b"custom 499")


def test_unhandled_custom_http_exception_answers_with_its_code(app: Erlen) -> None:
    class RetryLater(HTTPException):
        code = 499
        description = "Try again soon."

    app.add_url_rule("/", "index", raiser(RetryLater()))
    response = Client(app).get("/")
    assert response.status_code == 499
    assert b"Try again soon." in response.data


def test_handler_may_return_any_response_value(app: Erlen) -> None:
    app.register_error_handler(404, lambda e: ({"error": e.name}, 404, {"X-Err": "1"}))
    response = Client(app).get("/missing")
    assert response.status_code == 404
    assert response.json == {"error": "Not Found"}
    assert response.headers["X-Err"] == "1"


def test_handler_receives_the_exception_instance(app: Erlen) -> None:
    seen: list[BaseException] = []
    error = KeyError("exact")
    app.register_error_handler(KeyError, lambda e: seen.append(e) or "ok")
    app.add_url_rule("/", "index", raiser(error))
    Client(app).get("/")
    assert seen == [error]


# --- 404 and 405 --------------------------------------------------------------


def test_unhandled_404_is_werkzeugs_page(app: Erlen) -> None:
    response = Client(app).get("/missing")
    assert response.status_code == 404
    assert b"Not Found" in response.data


def test_405_is_handled_and_knows_the_allowed_methods(app: Erlen) -> None:
    @app.errorhandler(405)
    def not_allowed(e: MethodNotAllowed) -> tuple[str, int]:
        return f"use {', '.join(sorted(e.valid_methods or ()))}", 405

    app.add_url_rule("/items", "items", lambda: "items", methods=["GET", "PUT"])
    response = Client(app).post("/items")
    assert response.status_code == 405
    assert response.data == b"use GET, HEAD, OPTIONS, PUT"


def test_unhandled_405_sends_the_allow_header(app: Erlen) -> None:
    app.add_url_rule("/items", "items", lambda: "items")
    response = Client(app).delete("/items")
    assert response.status_code == 405
    assert set(response.allow) == {"GET", "HEAD", "OPTIONS"}


def test_abort_with_a_response_sends_it_unhandled(app: Erlen) -> None:
    app.register_error_handler(HTTPException, lambda e: "handled")
    app.add_url_rule("/", "index", lambda: abort(Response("teapot", status=418)))
    response = Client(app).get("/")
    assert (response.status_code, response.data) == (418, b"teapot")


def test_routing_redirects_are_not_errors_to_handle(app: Erlen) -> None:
    app.register_error_handler(HTTPException, lambda e: "handled")
    app.register_error_handler(Exception, lambda e: "handled")
    app.add_url_rule("/folder/", "folder", lambda: "folder")
    response = Client(app).get("/folder")
    assert response.status_code == 308
    assert response.headers["Location"].endswith("/folder/")


# --- blueprints ---------------------------------------------------------------


def test_blueprint_handler_comes_before_the_app_handler(app: Erlen) -> None:
    bp = Blueprint("shop", __name__, url_prefix="/shop")
    bp.register_error_handler(ValueError, lambda e: "blueprint")
    bp.add_url_rule("/", "index", raiser(ValueError()))
    app.register_error_handler(ValueError, lambda e: "app")
    app.add_url_rule("/", "index", raiser(ValueError()))
    app.register_blueprint(bp)
    client = Client(app)
    assert client.get("/shop/").data == b"blueprint"
    assert client.get("/").data == b"app"


def test_inner_blueprint_handler_comes_before_the_outer_one(app: Erlen) -> None:
    outer = Blueprint("outer", __name__, url_prefix="/outer")
    inner = Blueprint("inner", __name__, url_prefix="/inner")
    outer.register_error_handler(ValueError, lambda e: "outer")
    inner.register_error_handler(ValueError, lambda e: "inner")
    outer.add_url_rule("/", "index", raiser(ValueError()))
    inner.add_url_rule("/", "index", raiser(ValueError()))
    outer.register_blueprint(inner)
    app.register_blueprint(outer)
    client = Client(app)
    assert client.get("/outer/inner/").data == b"inner"
    assert client.get("/outer/").data == b"outer"


def test_blueprint_code_handler_beats_app_class_handler(app: Erlen) -> None:
    bp = Blueprint("shop", __name__)
    bp.register_error_handler(403, lambda e: "blueprint 403")
    bp.add_url_rule("/", "index", lambda: abort(403))
    app.register_error_handler(Forbidden, lambda e: "app Forbidden")
    app.register_blueprint(bp)
    assert Client(app).get("/").data == b"blueprint 403"


def test_blueprint_without_a_matching_handler_falls_back_to_the_app(app: Erlen) -> None:
    bp = Blueprint("shop", __name__)
    bp.register_error_handler(KeyError, lambda e: "blueprint")
    bp.add_url_rule("/", "index", raiser(ValueError()))
    app.register_error_handler(ValueError, lambda e: "app")
    app.register_blueprint(bp)
    assert Client(app).get("/").data == b"app"


# --- 500 and unhandled errors -------------------------------------------------


def test_unhandled_error_answers_500_outside_testing_and_debug(app: Erlen) -> None:
    app.add_url_rule("/", "index", raiser(ZeroDivisionError("hidden detail")))
    response = Client(app).get("/")
    assert response.status_code == 500
    assert b"Internal Server Error" in response.data
    assert b"hidden detail" not in response.data


def test_500_handler_gets_internal_server_error_with_the_original(app: Erlen) -> None:
    seen: list[BaseException] = []
    error = ZeroDivisionError("boom")

    @app.errorhandler(500)
    def server_error(e: InternalServerError) -> tuple[str, int]:
        seen.append(e)
        return "sorry", 500

    app.add_url_rule("/", "index", raiser(error))
    response = Client(app).get("/")
    assert (response.status_code, response.data) == (500, b"sorry")
    (handled,) = seen
    assert isinstance(handled, InternalServerError)
    assert handled.original_exception is error


def test_500_handler_handles_an_explicit_abort_500_without_original(app: Erlen) -> None:
    seen: list[InternalServerError] = []
    app.register_error_handler(
        InternalServerError, lambda e: seen.append(e) or ("sorry", 500)
    )
    app.add_url_rule("/", "index", lambda: abort(500))
    assert Client(app).get("/").data == b"sorry"
    assert seen[0].original_exception is None


def test_500_handler_in_a_blueprint_sees_its_unhandled_errors(app: Erlen) -> None:
    bp = Blueprint("shop", __name__)
    bp.register_error_handler(500, lambda e: ("shop is down", 500))
    bp.add_url_rule("/shop", "index", raiser(ZeroDivisionError()))
    app.add_url_rule("/", "index", raiser(ZeroDivisionError()))
    app.register_blueprint(bp)
    client = Client(app)
    assert client.get("/shop").data == b"shop is down"
    assert b"shop is down" not in client.get("/").data


def test_error_inside_an_error_handler_becomes_a_500(app: Erlen) -> None:
    seen: list[InternalServerError] = []

    @app.errorhandler(ValueError)
    def broken_handler(e: ValueError) -> str:
        raise KeyError("handler failed")

    app.register_error_handler(
        500, lambda e: seen.append(e) or ("server error page", 500)
    )
    app.add_url_rule("/", "index", raiser(ValueError()))
    response = Client(app).get("/")
    assert (response.status_code, response.data) == (500, b"server error page")
    assert isinstance(seen[0].original_exception, KeyError)


def test_error_inside_an_error_handler_propagates_when_testing(app: Erlen) -> None:
    app.testing = True
    app.register_error_handler(ValueError, raiser(KeyError("handler failed")))
    app.add_url_rule("/", "index", raiser(ValueError()))
    with pytest.raises(KeyError, match="handler failed"):
        Client(app).get("/")


def test_error_inside_the_500_handler_propagates(app: Erlen) -> None:
    app.register_error_handler(500, raiser(RuntimeError("500 handler failed")))
    app.add_url_rule("/", "index", raiser(ValueError()))
    with pytest.raises(RuntimeError, match="500 handler failed"):
        Client(app).get("/")


# --- propagation --------------------------------------------------------------


@pytest.mark.parametrize(
    ("config", "propagates"),
    [
        ({}, False),
        ({"TESTING": True}, True),
        ({"DEBUG": True}, True),
        ({"PROPAGATE_EXCEPTIONS": True}, True),
        ({"TESTING": True, "PROPAGATE_EXCEPTIONS": False}, False),
        ({"DEBUG": True, "PROPAGATE_EXCEPTIONS": False}, False),
    ],
)
def test_propagation_of_unhandled_errors(
    app: Erlen, config: dict[str, bool], propagates: bool
) -> None:
    app.config.update(config)
    app.add_url_rule("/", "index", raiser(ZeroDivisionError("boom")))
    client = Client(app)
    if propagates:
        with pytest.raises(ZeroDivisionError, match="boom"):
            client.get("/")
    else:
        assert client.get("/").status_code == 500


def test_propagating_skips_the_500_handler(app: Erlen) -> None:
    app.testing = True
    app.register_error_handler(500, lambda e: "should not run")
    app.add_url_rule("/", "index", raiser(ZeroDivisionError()))
    with pytest.raises(ZeroDivisionError):
        Client(app).get("/")


def test_handled_errors_do_not_propagate_when_testing(app: Erlen) -> None:
    app.testing = True
    app.register_error_handler(ZeroDivisionError, lambda e: "handled")
    app.add_url_rule("/", "index", raiser(ZeroDivisionError()))
    app.add_url_rule("/gone", "gone", lambda: abort(410))
    client = Client(app)
    assert client.get("/").data == b"handled"
    assert client.get("/gone").status_code == 410


def test_base_exceptions_are_not_handled(app: Erlen) -> None:
    app.register_error_handler(Exception, lambda e: "handled")
    app.add_url_rule("/", "index", raiser(KeyboardInterrupt()))
    with pytest.raises(KeyboardInterrupt):
        Client(app).get("/")


# --- trapping -----------------------------------------------------------------


def test_trap_http_exceptions_raises_them_instead_of_answering(app: Erlen) -> None:
    app.config.update(TRAP_HTTP_EXCEPTIONS=True, TESTING=True)
    app.add_url_rule("/gone", "gone", lambda: abort(404))
    client = Client(app)
    with pytest.raises(NotFound):
        client.get("/gone")
    with pytest.raises(NotFound):
        client.get("/no-such-url")


def test_trapped_http_exception_still_reaches_a_registered_handler(app: Erlen) -> None:
    app.config.update(TRAP_HTTP_EXCEPTIONS=True, TESTING=True)
    app.register_error_handler(404, lambda e: ("handled", 404))
    app.add_url_rule("/gone", "gone", lambda: abort(404))
    assert Client(app).get("/gone").data == b"handled"


def test_trapped_http_exception_becomes_a_500_when_not_propagating(app: Erlen) -> None:
    app.config["TRAP_HTTP_EXCEPTIONS"] = True
    seen: list[InternalServerError] = []
    app.register_error_handler(500, lambda e: seen.append(e) or ("trapped", 500))
    app.add_url_rule("/gone", "gone", lambda: abort(404))
    response = Client(app).get("/gone")
    assert (response.status_code, response.data) == (500, b"trapped")
    assert isinstance(seen[0].original_exception, NotFound)


def test_trap_bad_request_errors_traps_400_only(app: Erlen) -> None:
    app.config.update(TRAP_BAD_REQUEST_ERRORS=True, TESTING=True)
    app.add_url_rule("/bad", "bad", lambda: abort(400))
    app.add_url_rule("/gone", "gone", lambda: abort(404))
    client = Client(app)
    with pytest.raises(BadRequest):
        client.get("/bad")
    assert client.get("/gone").status_code == 404


def key_error_app(app: Erlen) -> Client:
    """A view reading a form field the request does not send."""
    app.add_url_rule("/", "index", lambda: request.form["username"], methods=["POST"])
    return Client(app)


def test_missing_form_key_is_a_plain_400_by_default(app: Erlen) -> None:
    response = key_error_app(app).post("/", data={})
    assert response.status_code == 400
    assert b"username" not in response.data


def test_missing_form_key_is_trapped_in_debug_mode(app: Erlen) -> None:
    app.debug = True
    with pytest.raises(BadRequestKeyError) as info:
        key_error_app(app).post("/", data={})
    assert "username" in str(info.value)


def test_missing_form_key_names_the_key_in_debug_when_not_trapped(app: Erlen) -> None:
    app.debug = True
    app.config["TRAP_BAD_REQUEST_ERRORS"] = False
    response = key_error_app(app).post("/", data={})
    assert response.status_code == 400
    assert b"username" in response.data


def test_trap_bad_request_errors_off_leaves_other_400s_handled(app: Erlen) -> None:
    app.config.update(TRAP_BAD_REQUEST_ERRORS=False, TESTING=True)
    app.register_error_handler(400, lambda e: ("bad input", 400))
    app.add_url_rule("/bad", "bad", lambda: abort(400))
    assert Client(app).get("/bad").data == b"bad input"


def test_trap_bad_request_errors_traps_missing_keys_outside_debug(app: Erlen) -> None:
    app.config.update(TRAP_BAD_REQUEST_ERRORS=True, TESTING=True)
    with pytest.raises(BadRequestKeyError):
        key_error_app(app).post("/", data={})


# --- registering handlers with bad values -------------------------------------


def test_registering_an_unknown_status_code_is_refused(app: Erlen) -> None:
    with pytest.raises(ValueError) as info:
        app.register_error_handler(999, describe)
    message = str(info.value)
    assert "'999' is not a recognized HTTP error code" in message
    assert "subclass of HTTPException" in message


def test_registering_an_exception_instance_is_refused(app: Erlen) -> None:
    with pytest.raises(TypeError, match="is an instance, not a class"):
        app.register_error_handler(ValueError("x"), describe)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "named"),
    [
        (str, "'str'"),
        (KeyboardInterrupt, "'KeyboardInterrupt'"),
        ("404", "'404'"),
        (4.04, "4.04"),
        (None, "None"),
    ],
)
def test_registering_something_that_is_not_an_exception_class_is_refused(
    app: Erlen, value: t.Any, named: str
) -> None:
    with pytest.raises(ValueError) as info:
        app.register_error_handler(value, describe)
    message = str(info.value)
    assert message.startswith(f"{named} is not a subclass of Exception.")
    assert "exception classes or HTTP error codes" in message


def test_errorhandler_decorator_refuses_bad_values_too(app: Erlen) -> None:
    with pytest.raises(ValueError, match="not a recognized HTTP error code"):
        app.errorhandler(1000)(describe)
    bp = Blueprint("shop", __name__)
    with pytest.raises(ValueError, match="not a recognized HTTP error code"):
        bp.errorhandler(1000)(describe)
