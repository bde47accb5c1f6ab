"""Building URLs with url_for, in and outside requests."""

from __future__ import annotations

import typing as t

import pytest
from werkzeug.routing import BuildError
from werkzeug.test import Client

from erlen import Blueprint
from erlen import Erlen
from erlen import g
from erlen import url_for


@pytest.fixture
def app() -> Erlen:
    app = Erlen(__name__)
    app.testing = True

    @app.route("/")
    def index() -> str:
        return "index"

    @app.route("/user/<int:user_id>")
    def user(user_id: int) -> str:
        return str(user_id)

    return app


# --- inside a request --------------------------------------------------------


def test_url_for_in_request_is_relative(app: Erlen) -> None:
    with app.test_request_context():
        assert url_for("index") == "/"
        assert url_for("user", user_id=3) == "/user/3"


def test_url_for_from_a_view(app: Erlen) -> None:
    @app.route("/link")
    def link() -> str:
        return url_for("user", user_id=7)

    assert Client(app).get("/link").text == "/user/7"


def test_extra_values_become_the_query_string(app: Erlen) -> None:
    with app.test_request_context():
        assert url_for("index", q="a b", page=2) == "/?q=a+b&page=2"
        assert url_for("index", tag=["x", "y"]) == "/?tag=x&tag=y"


def test_external_uses_the_request_host(app: Erlen) -> None:
    with app.test_request_context(base_url="https://example.test:8443"):
        assert url_for("index", _external=True) == "https://example.test:8443/"


def test_anchor_is_appended_and_quoted(app: Erlen) -> None:
    with app.test_request_context():
        assert url_for("index", _anchor="top") == "/#top"
        assert url_for("index", _anchor="a b") == "/#a%20b"
        assert url_for("index", _anchor="x%20y!") == "/#x%20y!"


def test_method_selects_the_rule(app: Erlen) -> None:
    def form() -> str:
        return ""

    app.add_url_rule("/show", "form", form, methods=["GET"])
    app.add_url_rule("/submit", "form", form, methods=["POST"])
    with app.test_request_context():
        assert url_for("form", _method="GET") == "/show"
        assert url_for("form", _method="POST") == "/submit"


def test_method_without_matching_rule_is_build_error(app: Erlen) -> None:
    with app.test_request_context():
        with pytest.raises(BuildError, match="'DELETE'"):
            url_for("index", _method="DELETE")


def test_scheme_makes_an_external_url(app: Erlen) -> None:
    with app.test_request_context():
        assert url_for("index", _scheme="https") == "https://localhost/"
        assert url_for("index", _scheme="https", _external=True) == "https://localhost/"


def test_scheme_without_external_is_value_error(app: Erlen) -> None:
    with app.test_request_context():
        with pytest.raises(ValueError, match="'_external' must be True"):
            url_for("index", _scheme="https", _external=False)


def test_missing_variable_is_build_error(app: Erlen) -> None:
    with app.test_request_context():
        with pytest.raises(BuildError, match="user_id"):
            url_for("user")


def test_unknown_endpoint_suggests_close_match(app: Erlen) -> None:
    with app.test_request_context():
        with pytest.raises(BuildError) as info:
            url_for("indx")
    message = str(info.value)
    assert "'indx'" in message
    assert "Did you mean 'index' instead?" in message


# --- blueprints --------------------------------------------------------------


def test_relative_endpoint_in_blueprint(app: Erlen) -> None:
    bp = Blueprint("shop", __name__, url_prefix="/shop")

    @bp.route("/")
    def home() -> str:
        return url_for(".item", item_id=5)

    @bp.route("/item/<int:item_id>")
    def item(item_id: int) -> str:
        return ""

    app.register_blueprint(bp)
    client = Client(app)
    assert client.get("/shop/").text == "/shop/item/5"


def test_relative_endpoint_in_nested_blueprint(app: Erlen) -> None:
    parent = Blueprint("parent", __name__, url_prefix="/p")
    child = Blueprint("child", __name__, url_prefix="/c")

    @child.route("/")
    def here() -> str:
        return url_for(".here") + " " + url_for("index")

    parent.register_blueprint(child)
    app.register_blueprint(parent)
    assert Client(app).get("/p/c/").text == "/p/c/ /"


def test_relative_endpoint_outside_blueprint_is_app_level(app: Erlen) -> None:
    with app.test_request_context("/"):
        assert url_for(".index") == "/"


def test_full_blueprint_endpoint_from_the_app(app: Erlen) -> None:
    bp = Blueprint("shop", __name__, url_prefix="/shop")

    @bp.route("/cart")
    def cart() -> str:
        return ""

    app.register_blueprint(bp)
    with app.test_request_context():
        assert url_for("shop.cart") == "/shop/cart"


# --- url_defaults and url_value_preprocessor ---------------------------------


def test_url_defaults_and_value_preprocessor_round_trip(app: Erlen) -> None:
    bp = Blueprint("docs", __name__, url_prefix="/<lang>")

    @bp.url_defaults
    def add_lang(endpoint: str, values: dict[str, t.Any]) -> None:
        values.setdefault("lang", g.lang)

    @bp.url_value_preprocessor
    def pull_lang(endpoint: str | None, values: dict[str, t.Any] | None) -> None:
        assert values is not None
        g.lang = values.pop("lang")

    @bp.route("/page")
    def page() -> str:
        return f"{g.lang} {url_for('.page')}"

    app.register_blueprint(bp)
    assert Client(app).get("/de/page").text == "de /de/page"


def test_app_url_defaults_apply_to_every_endpoint(app: Erlen) -> None:
    @app.url_defaults
    def default_user(endpoint: str, values: dict[str, t.Any]) -> None:
        if endpoint == "user":
            values.setdefault("user_id", 1)

    with app.test_request_context():
        assert url_for("user") == "/user/1"
        assert url_for("user", user_id=2) == "/user/2"


def test_blueprint_url_defaults_do_not_leak_to_app_endpoints(app: Erlen) -> None:
    bp = Blueprint("bp", __name__)
    seen: list[str] = []

    @bp.url_defaults
    def record(endpoint: str, values: dict[str, t.Any]) -> None:
        seen.append(endpoint)

    @bp.route("/bp")
    def bp_view() -> str:
        return ""

    app.register_blueprint(bp)
    with app.test_request_context():
        url_for("index")
        url_for("bp.bp_view")
    assert seen == ["bp.bp_view"]


# --- build error handlers ----------------------------------------------------


def test_build_error_handler_supplies_a_url(app: Erlen) -> None:
    calls: list[tuple[str, dict[str, t.Any]]] = []

    def external(error: Exception, endpoint: str, values: dict[str, t.Any]) -> str:
        calls.append((endpoint, values))
        return f"https://elsewhere.test/{endpoint}"

    app.url_build_error_handlers.append(external)
    with app.test_request_context():
        assert url_for("remote", x=1) == "https://elsewhere.test/remote"
        assert url_for("index") == "/"
    assert calls[0][0] == "remote"
    assert calls[0][1]["x"] == 1
    assert len(calls) == 1


def test_build_error_handler_reraising_raises_its_error(app: Erlen) -> None:
    def refuse(error: Exception, endpoint: str, values: dict[str, t.Any]) -> str:
        raise BuildError(endpoint, values, None)

    app.url_build_error_handlers.append(refuse)
    with app.test_request_context():
        with pytest.raises(BuildError, match="missing"):
            url_for("missing")


def test_build_error_handler_returning_none_lets_error_raise(app: Erlen) -> None:
    def decline(error: Exception, endpoint: str, values: dict[str, t.Any]) -> None:
        return None

    app.url_build_error_handlers.append(decline)  # type: ignore[arg-type]
    with app.test_request_context():
        with pytest.raises(BuildError):
            url_for("missing")


# --- outside a request -------------------------------------------------------


def test_outside_request_with_server_name(app: Erlen) -> None:
    app.config.update(
        SERVER_NAME="example.test",
        APPLICATION_ROOT="/root",
        PREFERRED_URL_SCHEME="https",
    )
    with app.app_context():
        assert url_for("user", user_id=4) == "https://example.test/root/user/4"
        assert url_for("index", _external=False) == "/root/"


def test_app_url_for_without_any_context(app: Erlen) -> None:
    app.config["SERVER_NAME"] = "example.test"
    assert app.url_for("index") == "http://example.test/"
    assert app.url_for("index", _scheme="https") == "https://example.test/"


def test_outside_request_without_server_name_is_runtime_error(app: Erlen) -> None:
    with app.app_context():
        with pytest.raises(RuntimeError, match="SERVER_NAME"):
            url_for("index")


def test_url_for_without_app_context_is_runtime_error() -> None:
    with pytest.raises(RuntimeError, match="application context"):
        url_for("index")


def test_urls_in_request_carry_its_script_root(app: Erlen) -> None:
    app.config["SERVER_NAME"] = "example.test"
    with app.test_request_context(base_url="http://example.test/mount"):
        assert url_for("index") == "/mount/"
        assert url_for("index", _external=True) == "http://example.test/mount/"
