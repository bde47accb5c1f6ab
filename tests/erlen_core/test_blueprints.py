"""Blueprints: nesting, prefixes, subdomains, defaults, folders and app-wide hooks."""

from __future__ import annotations

import os
import typing as t
from pathlib import Path

import pytest
from werkzeug.exceptions import NotFound
from werkzeug.test import Client

from erlen import abort
from erlen import Blueprint
from erlen import Erlen
from erlen import g
from erlen import request
from erlen import url_for
from erlen.blueprints import BlueprintSetupState


@pytest.fixture
def app(tmp_path: Path) -> Erlen:
    return Erlen("erlen_test_blueprints", root_path=str(tmp_path))


def endpoint_view() -> str:
    """A view answering with the endpoint it was reached through."""
    return t.cast(str, request.endpoint)


# --- prefixes and nesting -----------------------------------------------------


def test_url_prefix_and_endpoint_name(app: Erlen) -> None:
    bp = Blueprint("shop", __name__, url_prefix="/shop")
    bp.add_url_rule("/cart", "cart", endpoint_view)
    app.register_blueprint(bp)
    assert Client(app).get("/shop/cart").data == b"shop.cart"
    assert app.blueprints == {"shop": bp}


def test_url_prefix_given_at_registration_wins(app: Erlen) -> None:
    bp = Blueprint("shop", __name__, url_prefix="/shop")
    bp.add_url_rule("/cart", "cart", endpoint_view)
    app.register_blueprint(bp, url_prefix="/store")
    client = Client(app)
    assert client.get("/store/cart").data == b"shop.cart"
    assert client.get("/shop/cart").status_code == 404


@pytest.mark.parametrize(
    ("parent_prefix", "child_prefix", "rule", "url"),
    [
        ("/parent", "/child", "/leaf", "/parent/child/leaf"),
        ("/parent/", "/child/", "/leaf", "/parent/child/leaf"),
        ("/parent", "child", "leaf", "/parent/child/leaf"),
        ("/parent", None, "/leaf", "/parent/leaf"),
        (None, "/child", "/leaf", "/child/leaf"),
        ("/parent", "/child", "", "/parent/child"),
    ],
)
def test_nested_url_prefixes_are_joined_with_one_slash(
    app: Erlen, parent_prefix: str | None, child_prefix: str | None, rule: str, url: str
) -> None:
    parent = Blueprint("parent", __name__, url_prefix=parent_prefix)
    child = Blueprint("child", __name__, url_prefix=child_prefix)
    child.add_url_rule(rule, "leaf", endpoint_view)
    parent.register_blueprint(child)
    app.register_blueprint(parent)
    assert Client(app).get(url).data == b"parent.child.leaf"
    with app.test_request_context():
        assert url_for("parent.child.leaf") == url


def test_nested_prefix_given_when_nesting_wins(app: Erlen) -> None:
    parent = Blueprint("parent", __name__, url_prefix="/parent")
    child = Blueprint("child", __name__, url_prefix="/child")
    child.add_url_rule("/leaf", "leaf", endpoint_view)
    parent.register_blueprint(child, url_prefix="/kid")
    app.register_blueprint(parent)
    assert Client(app).get("/parent/kid/leaf").data == b"parent.child.leaf"


def test_three_levels_of_nesting(app: Erlen) -> None:
    outer = Blueprint("outer", __name__, url_prefix="/a")
    middle = Blueprint("middle", __name__, url_prefix="/b")
    inner = Blueprint("inner", __name__, url_prefix="/c")
    inner.add_url_rule("/", "index", endpoint_view)
    middle.register_blueprint(inner)
    outer.register_blueprint(middle)
    app.register_blueprint(outer)
    assert Client(app).get("/a/b/c/").data == b"outer.middle.inner.index"
    assert list(app.blueprints) == ["outer", "outer.middle", "outer.middle.inner"]


def test_relative_url_for_stays_in_the_current_blueprint(app: Erlen) -> None:
    bp = Blueprint("shop", __name__, url_prefix="/shop")
    bp.add_url_rule("/cart", "cart", lambda: url_for(".checkout"))
    bp.add_url_rule("/checkout", "checkout", endpoint_view)
    app.add_url_rule("/checkout", "checkout", endpoint_view)
    app.register_blueprint(bp)
    assert Client(app).get("/shop/cart").data == b"/shop/checkout"


# --- subdomains ---------------------------------------------------------------


@pytest.fixture
def subdomain_app(tmp_path: Path) -> Erlen:
    app = Erlen(
        "erlen_test_blueprints", root_path=str(tmp_path), subdomain_matching=True
    )
    app.config["SERVER_NAME"] = "example.test"
    return app


def test_blueprint_subdomain_matches_only_that_subdomain(subdomain_app: Erlen) -> None:
    bp = Blueprint("api", __name__, subdomain="api")
    bp.add_url_rule("/", "index", endpoint_view)
    subdomain_app.register_blueprint(bp)
    client = Client(subdomain_app)
    assert client.get("/", base_url="http://api.example.test").data == b"api.index"
    assert client.get("/", base_url="http://example.test").status_code == 404
    with subdomain_app.app_context():
        assert url_for("api.index") == "http://api.example.test/"


def test_nested_subdomains_are_joined_inner_first(subdomain_app: Erlen) -> None:
    parent = Blueprint("api", __name__, subdomain="api")
    child = Blueprint("v1", __name__, subdomain="v1")
    child.add_url_rule("/", "index", endpoint_view)
    parent.register_blueprint(child)
    subdomain_app.register_blueprint(parent)
    client = Client(subdomain_app)
    assert (
        client.get("/", base_url="http://v1.api.example.test").data == b"api.v1.index"
    )
    assert client.get("/", base_url="http://api.example.test").status_code == 404


def test_nested_blueprint_inherits_the_parent_subdomain(subdomain_app: Erlen) -> None:
    parent = Blueprint("api", __name__, subdomain="api")
    child = Blueprint("v1", __name__, url_prefix="/v1")
    child.add_url_rule("/", "index", endpoint_view)
    parent.register_blueprint(child)
    subdomain_app.register_blueprint(parent)
    response = Client(subdomain_app).get("/v1/", base_url="http://api.example.test")
    assert response.data == b"api.v1.index"


def test_subdomain_given_at_registration_wins(subdomain_app: Erlen) -> None:
    bp = Blueprint("api", __name__, subdomain="api")
    bp.add_url_rule("/", "index", endpoint_view)
    subdomain_app.register_blueprint(bp, subdomain="rest")
    client = Client(subdomain_app)
    assert client.get("/", base_url="http://rest.example.test").data == b"api.index"
    assert client.get("/", base_url="http://api.example.test").status_code == 404


# --- url defaults -------------------------------------------------------------


def test_url_defaults_are_passed_to_the_views(app: Erlen) -> None:
    bp = Blueprint("pages", __name__, url_defaults={"lang": "en"})
    bp.add_url_rule("/about", "about", lambda lang: f"about in {lang}")
    app.register_blueprint(bp)
    assert Client(app).get("/about").data == b"about in en"


def test_url_defaults_at_registration_merge_over_the_blueprints(app: Erlen) -> None:
    bp = Blueprint("pages", __name__, url_defaults={"lang": "en", "theme": "light"})
    bp.add_url_rule("/about", "about", lambda lang, theme: f"{lang} {theme}")
    app.register_blueprint(bp, url_defaults={"lang": "de"})
    assert Client(app).get("/about").data == b"de light"


def test_rule_defaults_win_over_blueprint_url_defaults(app: Erlen) -> None:
    bp = Blueprint("pages", __name__, url_defaults={"lang": "en"})
    bp.add_url_rule("/about", "about", lambda lang: lang, defaults={"lang": "fr"})
    app.register_blueprint(bp)
    assert Client(app).get("/about").data == b"fr"


def test_two_registrations_keep_their_own_url_defaults(app: Erlen) -> None:
    bp = Blueprint("pages", __name__)
    bp.add_url_rule("/about", "about", lambda lang: lang)
    app.register_blueprint(bp, name="en", url_prefix="/en", url_defaults={"lang": "en"})
    app.register_blueprint(bp, name="de", url_prefix="/de", url_defaults={"lang": "de"})
    client = Client(app)
    assert client.get("/en/about").data == b"en"
    assert client.get("/de/about").data == b"de"


# --- folders ------------------------------------------------------------------


def make_static_blueprint(tmp_path: Path, **kwargs: t.Any) -> Blueprint:
    (tmp_path / "admin_static").mkdir()
    (tmp_path / "admin_static" / "admin.css").write_text("body{}", encoding="utf-8")
    return Blueprint(
        "admin",
        __name__,
        root_path=str(tmp_path),
        static_folder="admin_static",
        **kwargs,
    )


def test_blueprint_static_files_are_served_under_its_prefix(
    app: Erlen, tmp_path: Path
) -> None:
    bp = make_static_blueprint(tmp_path, url_prefix="/admin")
    app.register_blueprint(bp)
    with Client(app).get("/admin/admin_static/admin.css") as response:
        assert response.data == b"body{}"
    with app.test_request_context():
        assert (
            url_for("admin.static", filename="admin.css")
            == "/admin/admin_static/admin.css"
        )


def test_blueprint_static_url_path(app: Erlen, tmp_path: Path) -> None:
    bp = make_static_blueprint(tmp_path, url_prefix="/admin", static_url_path="/assets")
    app.register_blueprint(bp)
    client = Client(app)
    with client.get("/admin/assets/admin.css") as response:
        assert response.data == b"body{}"
    assert client.get("/admin/admin_static/admin.css").status_code == 404


def test_blueprint_static_route_refuses_escaping_paths(
    app: Erlen, tmp_path: Path
) -> None:
    (tmp_path / "secret.txt").write_text("secret", encoding="utf-8")
    app.register_blueprint(make_static_blueprint(tmp_path, url_prefix="/admin"))
    response = Client(app).get("/admin/admin_static/../secret.txt")
    assert response.status_code == 404


def test_blueprint_without_static_folder_has_no_static_endpoint(app: Erlen) -> None:
    app.register_blueprint(Blueprint("plain", __name__))
    assert "plain.static" not in app.view_functions


def test_blueprint_folders_resolve_against_its_root_path(tmp_path: Path) -> None:
    bp = Blueprint(
        "admin",
        __name__,
        root_path=str(tmp_path),
        static_folder="admin_static/",
        template_folder="admin_templates",
    )
    assert bp.static_folder == os.path.join(str(tmp_path), "admin_static")
    assert bp.template_folder == "admin_templates"
    assert bp.root_path == str(tmp_path)


def test_blueprint_root_path_defaults_to_its_module() -> None:
    bp = Blueprint("here", __name__)
    assert bp.root_path == os.path.dirname(os.path.abspath(__file__))
    assert bp.template_folder is None


def test_blueprint_open_resource_reads_from_its_root_path(tmp_path: Path) -> None:
    (tmp_path / "schema.sql").write_text("SELECT 1;", encoding="utf-8")
    bp = Blueprint("db", __name__, root_path=str(tmp_path))
    with bp.open_resource("schema.sql", "r") as f:
        assert f.read() == "SELECT 1;"


# --- record and record_once ---------------------------------------------------


def test_record_runs_at_every_registration_with_its_state(app: Erlen) -> None:
    bp = Blueprint("shop", __name__, url_prefix="/shop")
    states: list[BlueprintSetupState] = []
    bp.record(states.append)
    app.register_blueprint(bp)
    app.register_blueprint(bp, name="outlet", url_prefix="/outlet")
    assert [(s.name, s.url_prefix, s.first_registration) for s in states] == [
        ("shop", "/shop", True),
        ("outlet", "/outlet", False),
    ]
    assert all(s.app is app and s.blueprint is bp for s in states)


def test_record_once_runs_once_per_app(tmp_path: Path) -> None:
    bp = Blueprint("shop", __name__)
    seen: list[tuple[Erlen, str]] = []
    bp.record_once(lambda state: seen.append((t.cast(Erlen, state.app), state.name)))
    first = Erlen("first", root_path=str(tmp_path))
    second = Erlen("second", root_path=str(tmp_path))
    first.register_blueprint(bp)
    first.register_blueprint(bp, name="again")
    second.register_blueprint(bp)
    assert seen == [(first, "shop"), (second, "shop")]


def test_record_can_add_rules_through_the_state(app: Erlen) -> None:
    bp = Blueprint("shop", __name__, url_prefix="/shop")
    bp.record(lambda state: state.add_url_rule("/info", "info", endpoint_view))
    app.register_blueprint(bp)
    assert Client(app).get("/shop/info").data == b"shop.info"


# --- the same blueprint twice -------------------------------------------------


def test_same_blueprint_twice_under_different_names(app: Erlen) -> None:
    bp = Blueprint("shop", __name__)
    bp.add_url_rule("/", "index", endpoint_view)

    @bp.before_request
    def mark() -> None:
        g.seen = request.blueprint

    @bp.after_request
    def tag(response: t.Any) -> t.Any:
        response.headers["X-Seen"] = g.seen
        return response

    app.register_blueprint(bp, url_prefix="/shop")
    app.register_blueprint(bp, url_prefix="/outlet", name="outlet")
    client = Client(app)
    shop = client.get("/shop/")
    outlet = client.get("/outlet/")
    assert (shop.data, shop.headers["X-Seen"]) == (b"shop.index", "shop")
    assert (outlet.data, outlet.headers["X-Seen"]) == (b"outlet.index", "outlet")
    assert app.blueprints == {"shop": bp, "outlet": bp}


def test_same_nested_blueprint_under_two_parents(app: Erlen) -> None:
    child = Blueprint("child", __name__, url_prefix="/child")
    child.add_url_rule("/", "index", endpoint_view)
    for name in ("left", "right"):
        parent = Blueprint(name, __name__, url_prefix=f"/{name}")
        parent.register_blueprint(child)
        app.register_blueprint(parent)
    client = Client(app)
    assert client.get("/left/child/").data == b"left.child.index"
    assert client.get("/right/child/").data == b"right.child.index"


# --- names --------------------------------------------------------------------


def test_registering_the_same_blueprint_twice_without_a_name_fails(app: Erlen) -> None:
    bp = Blueprint("shop", __name__)
    app.register_blueprint(bp)
    with pytest.raises(ValueError) as info:
        app.register_blueprint(bp, url_prefix="/other")
    message = str(info.value)
    assert "'shop' is already registered for this blueprint" in message
    assert "name=" in message


def test_two_blueprints_with_one_name_fail(app: Erlen) -> None:
    app.register_blueprint(Blueprint("shop", __name__))
    with pytest.raises(
        ValueError, match="already registered for a different blueprint"
    ):
        app.register_blueprint(Blueprint("shop", __name__))


def test_a_registration_name_may_not_collide_either(app: Erlen) -> None:
    app.register_blueprint(Blueprint("shop", __name__))
    with pytest.raises(ValueError, match="'shop' is already registered"):
        app.register_blueprint(Blueprint("outlet", __name__), name="shop")


def test_nested_name_collision_names_the_full_dotted_name(app: Erlen) -> None:
    parent = Blueprint("parent", __name__)
    parent.register_blueprint(Blueprint("child", __name__))
    parent.register_blueprint(Blueprint("child", __name__), url_prefix="/again")
    with pytest.raises(ValueError) as info:
        app.register_blueprint(parent)
    assert "'parent.child'" in str(info.value)


def test_same_child_name_under_different_parents_is_fine(app: Erlen) -> None:
    for name in ("left", "right"):
        parent = Blueprint(name, __name__)
        parent.register_blueprint(Blueprint("child", __name__))
        app.register_blueprint(parent)
    assert {"left.child", "right.child"} <= set(app.blueprints)


def test_blueprint_name_may_not_contain_a_dot() -> None:
    with pytest.raises(ValueError, match="may not contain a dot"):
        Blueprint("shop.admin", __name__)


def test_blueprint_name_may_not_be_empty() -> None:
    with pytest.raises(ValueError, match="may not be empty"):
        Blueprint("", __name__)


def test_endpoint_may_not_contain_a_dot() -> None:
    bp = Blueprint("shop", __name__)
    with pytest.raises(ValueError, match="'endpoint' may not contain a dot"):
        bp.add_url_rule("/", "shop.index", endpoint_view)


def test_view_function_name_may_not_contain_a_dot() -> None:
    def view() -> str:
        return ""

    view.__name__ = "shop.index"
    bp = Blueprint("shop", __name__)
    with pytest.raises(ValueError, match="'view_func' name may not contain a dot"):
        bp.add_url_rule("/", view_func=view)


def test_blueprint_cannot_be_registered_on_itself() -> None:
    bp = Blueprint("shop", __name__)
    with pytest.raises(ValueError, match="on itself"):
        bp.register_blueprint(bp)


def test_endpoint_overwriting_another_view_is_refused(app: Erlen) -> None:
    bp = Blueprint("shop", __name__)
    bp.add_url_rule("/a", "index", lambda: "a")
    bp.add_url_rule("/b", "index", lambda: "b")
    with pytest.raises(AssertionError, match="overwriting an existing endpoint"):
        app.register_blueprint(bp)


# --- setup after registration -------------------------------------------------


@pytest.mark.parametrize(
    "setup",
    [
        pytest.param(lambda bp: bp.route("/late")(endpoint_view), id="route"),
        pytest.param(lambda bp: bp.before_request(endpoint_view), id="before_request"),
        pytest.param(lambda bp: bp.errorhandler(404)(endpoint_view), id="errorhandler"),
        pytest.param(lambda bp: bp.record(print), id="record"),
        pytest.param(
            lambda bp: bp.before_app_request(endpoint_view), id="before_app_request"
        ),
        pytest.param(
            lambda bp: bp.register_blueprint(Blueprint("late", __name__)),
            id="register_blueprint",
        ),
    ],
)
def test_setup_after_registration_is_refused(
    app: Erlen, setup: t.Callable[[Blueprint], object]
) -> None:
    bp = Blueprint("shop", __name__)
    app.register_blueprint(bp)
    with pytest.raises(AssertionError) as info:
        setup(bp)
    message = str(info.value)
    assert "blueprint 'shop'" in message
    assert "already been registered" in message


# --- scoping of blueprint hooks -----------------------------------------------


def test_blueprint_hooks_apply_to_its_own_requests_only(app: Erlen) -> None:
    calls: list[str] = []
    bp = Blueprint("shop", __name__, url_prefix="/shop")
    bp.add_url_rule("/", "index", endpoint_view)
    bp.before_request(lambda: calls.append("before") and None)
    bp.after_request(lambda r: calls.append("after") or r)
    bp.teardown_request(lambda e: calls.append("teardown"))
    app.add_url_rule("/", "index", endpoint_view)
    app.register_blueprint(bp)
    client = Client(app)
    client.get("/")
    assert calls == []
    client.get("/shop/")
    assert calls == ["before", "after", "teardown"]


def test_blueprint_error_handler_ignores_errors_elsewhere(app: Erlen) -> None:
    bp = Blueprint("shop", __name__, url_prefix="/shop")
    bp.register_error_handler(404, lambda e: ("shop has no such item", 404))
    bp.add_url_rule("/item", "item", lambda: abort(404))
    app.add_url_rule("/item", "item", lambda: abort(404))
    app.register_blueprint(bp)
    client = Client(app)
    assert client.get("/shop/item").data == b"shop has no such item"
    assert b"shop has no such item" not in client.get("/item").data
    # An unmatched URL belongs to no blueprint, even under its prefix.
    assert b"shop has no such item" not in client.get("/shop/missing").data


# --- app-wide hooks and handlers from a blueprint -----------------------------


@pytest.fixture
def app_wide(app: Erlen) -> tuple[Erlen, Blueprint, list[str]]:
    """An app with a view outside the blueprint, to prove the hooks apply app-wide."""
    calls: list[str] = []
    bp = Blueprint("hooks", __name__)
    app.add_url_rule("/<lang>/page", "page", lambda: g.lang)
    app.add_url_rule("/link", "link", lambda: url_for("page"))
    app.add_url_rule("/missing", "missing", lambda: abort(404))
    return app, bp, calls


def test_before_and_after_app_request_run_for_every_request(
    app_wide: tuple[Erlen, Blueprint, list[str]],
) -> None:
    app, bp, calls = app_wide
    bp.before_app_request(lambda: calls.append("before") and None)

    @bp.after_app_request
    def after(response: t.Any) -> t.Any:
        calls.append("after")
        response.headers["X-Hooked"] = "yes"
        return response

    bp.teardown_app_request(lambda exc: calls.append(f"teardown {exc!r}"))
    bp.app_url_value_preprocessor(
        lambda endpoint, values: setattr(g, "lang", values.pop("lang"))
    )
    app.register_blueprint(bp)
    response = Client(app).get("/de/page")
    assert response.data == b"de"
    assert response.headers["X-Hooked"] == "yes"
    assert calls == ["before", "after", "teardown None"]


def test_app_errorhandler_handles_errors_outside_the_blueprint(
    app_wide: tuple[Erlen, Blueprint, list[str]],
) -> None:
    app, bp, _ = app_wide
    bp.app_errorhandler(404)(lambda e: ("app-wide not found", 404))
    bp.app_errorhandler(KeyError)(lambda e: ("app-wide key error", 500))
    app.add_url_rule("/key", "key", lambda: {}["missing"])
    app.register_blueprint(bp)
    client = Client(app)
    assert client.get("/missing").data == b"app-wide not found"
    assert client.get("/no-such-url").data == b"app-wide not found"
    assert client.get("/key").data == b"app-wide key error"


def test_app_url_defaults_fill_urls_of_the_app(
    app_wide: tuple[Erlen, Blueprint, list[str]],
) -> None:
    app, bp, _ = app_wide

    @bp.app_url_defaults
    def default_lang(endpoint: str, values: dict[str, t.Any]) -> None:
        values.setdefault("lang", "en")

    bp.app_url_value_preprocessor(lambda endpoint, values: None)
    app.register_blueprint(bp)
    assert Client(app).get("/link").data == b"/en/page"


def test_app_template_registrations_land_on_the_app(app: Erlen) -> None:
    bp = Blueprint("text", __name__)

    @bp.app_template_filter()
    def shout(value: str) -> str:
        return value.upper()

    @bp.app_template_filter("whisper")
    def quiet(value: str) -> str:
        return value.lower()

    @bp.app_template_test()
    def short(value: str) -> bool:
        return len(value) < 3

    @bp.app_template_global("site_name")
    def name() -> str:
        return "shop"

    @bp.app_context_processor
    def extra() -> dict[str, t.Any]:
        return {"extra": 1}

    assert app.template_filters == {}
    app.register_blueprint(bp)
    assert app.template_filters == {"shout": shout, "whisper": quiet}
    assert app.template_tests == {"short": short}
    assert app.template_globals == {"site_name": name}
    assert app.template_context_processors[None] == [extra]


def test_app_wide_hooks_are_added_once_for_two_registrations(app: Erlen) -> None:
    calls: list[str] = []
    bp = Blueprint("hooks", __name__)
    bp.before_app_request(lambda: calls.append("before") and None)
    app.add_url_rule("/", "index", endpoint_view)
    app.register_blueprint(bp)
    app.register_blueprint(bp, name="again")
    Client(app).get("/")
    assert calls == ["before"]


def test_nested_blueprint_app_hooks_reach_the_app(app: Erlen) -> None:
    parent = Blueprint("parent", __name__)
    child = Blueprint("child", __name__)
    child.app_errorhandler(NotFound)(lambda e: ("from the child", 404))
    parent.register_blueprint(child)
    app.register_blueprint(parent)
    assert Client(app).get("/nowhere").data == b"from the child"
