"""Request hooks: Flask's order across the app and nested blueprints."""

from __future__ import annotations

import typing as t
from pathlib import Path

import pytest
from werkzeug.test import Client

from erlen import after_this_request
from erlen import Blueprint
from erlen import Erlen
from erlen import g
from erlen import request
from erlen import url_for
from erlen.wrappers import Response


@pytest.fixture
def app(tmp_path: Path) -> Erlen:
    return Erlen("erlen_test_hooks", root_path=str(tmp_path))


def nested(app: Erlen, calls: list[str]) -> tuple[Blueprint, Blueprint]:
    """Register ``outer`` (at /outer) holding ``inner`` (at /outer/inner).

    The view at /outer/inner/ records ``view`` in ``calls``.
    """
    outer = Blueprint("outer", __name__, url_prefix="/outer")
    inner = Blueprint("inner", __name__, url_prefix="/inner")

    @inner.route("/")
    def index() -> str:
        calls.append("view")
        return "inner view"

    outer.register_blueprint(inner)
    return outer, inner


def record(calls: list[str], name: str, result: t.Any = None) -> t.Callable[..., t.Any]:
    """A hook that records ``name`` and returns ``result`` (or its argument)."""

    def hook(*args: t.Any) -> t.Any:
        calls.append(name)
        if result is None and args and isinstance(args[0], Response):
            return args[0]
        return result

    return hook


# --- before_request -----------------------------------------------------------


def test_before_request_runs_app_first_then_blueprints_outer_to_inner(
    app: Erlen,
) -> None:
    calls: list[str] = []
    outer, inner = nested(app, calls)
    inner.before_request(record(calls, "inner 1"))
    inner.before_request(record(calls, "inner 2"))
    outer.before_request(record(calls, "outer"))
    app.before_request(record(calls, "app 1"))
    app.before_request(record(calls, "app 2"))
    app.register_blueprint(outer)
    assert Client(app).get("/outer/inner/").data == b"inner view"
    assert calls == ["app 1", "app 2", "outer", "inner 1", "inner 2", "view"]


def test_before_request_return_value_ends_the_request(app: Erlen) -> None:
    calls: list[str] = []
    outer, inner = nested(app, calls)
    app.before_request(record(calls, "app"))
    outer.before_request(record(calls, "outer", result=("stopped by outer", 403)))
    inner.before_request(record(calls, "inner"))
    outer.after_request(record(calls, "outer after"))
    app.register_blueprint(outer)
    response = Client(app).get("/outer/inner/")
    assert response.status_code == 403
    assert response.data == b"stopped by outer"
    # Later before_request functions and the view are skipped; after_request runs.
    assert calls == ["app", "outer", "outer after"]


def test_before_request_error_goes_to_the_error_handlers(app: Erlen) -> None:
    @app.before_request
    def check() -> None:
        raise PermissionError("no entry")

    app.register_error_handler(PermissionError, lambda e: (str(e), 403))
    app.add_url_rule("/", "index", lambda: "view")
    response = Client(app).get("/")
    assert (response.status_code, response.data) == (403, b"no entry")


def test_before_request_sees_the_matched_request(app: Erlen) -> None:
    @app.before_request
    def load() -> None:
        g.user = request.view_args["user"]  # type: ignore[index]

    app.add_url_rule("/u/<user>", "profile", lambda user: f"{g.user}={user}")
    assert Client(app).get("/u/ada").data == b"ada=ada"


# --- after_request ------------------------------------------------------------


def test_after_request_runs_inner_blueprint_first_and_in_reverse_order(
    app: Erlen,
) -> None:
    calls: list[str] = []
    outer, inner = nested(app, calls)
    app.after_request(record(calls, "app 1"))
    app.after_request(record(calls, "app 2"))
    outer.after_request(record(calls, "outer"))
    inner.after_request(record(calls, "inner 1"))
    inner.after_request(record(calls, "inner 2"))
    app.register_blueprint(outer)
    Client(app).get("/outer/inner/")
    assert calls == ["view", "inner 2", "inner 1", "outer", "app 2", "app 1"]


def test_after_this_request_runs_before_the_registered_hooks(app: Erlen) -> None:
    calls: list[str] = []
    app.after_request(record(calls, "app"))

    @app.route("/")
    def index() -> str:
        after_this_request(record(calls, "this request"))
        return "ok"

    Client(app).get("/")
    assert calls == ["this request", "app"]


def test_after_request_can_replace_the_response(app: Erlen) -> None:
    app.add_url_rule("/", "index", lambda: "original")
    app.after_request(lambda response: Response("replaced", status=202))
    response = Client(app).get("/")
    assert (response.status_code, response.data) == (202, b"replaced")


def test_after_request_runs_for_handled_errors(app: Erlen) -> None:
    @app.after_request
    def tag(response: Response) -> Response:
        response.headers["X-Tagged"] = "yes"
        return response

    response = Client(app).get("/missing")
    assert response.status_code == 404
    assert response.headers["X-Tagged"] == "yes"


def test_failing_after_request_gives_a_500(app: Erlen) -> None:
    app.add_url_rule("/", "index", lambda: "ok")

    @app.after_request
    def broken(response: Response) -> Response:
        raise RuntimeError("hook failed")

    assert Client(app).get("/").status_code == 500


# --- teardown_request ---------------------------------------------------------


def test_teardown_request_gets_none_after_success(app: Erlen) -> None:
    seen: list[BaseException | None] = [ValueError()]
    app.teardown_request(lambda exc: seen.__setitem__(0, exc))
    app.add_url_rule("/", "index", lambda: "ok")
    Client(app).get("/")
    assert seen == [None]


def test_teardown_request_gets_the_unhandled_exception(app: Erlen) -> None:
    seen: list[BaseException | None] = []
    app.teardown_request(seen.append)
    error = ZeroDivisionError("boom")

    @app.route("/")
    def index() -> str:
        raise error

    assert Client(app).get("/").status_code == 500
    assert seen == [error]


def test_teardown_request_gets_the_exception_when_it_propagates(app: Erlen) -> None:
    seen: list[BaseException | None] = []
    app.teardown_request(seen.append)
    app.testing = True

    @app.route("/")
    def index() -> str:
        raise ZeroDivisionError("boom")

    with pytest.raises(ZeroDivisionError):
        Client(app).get("/")
    assert len(seen) == 1
    assert isinstance(seen[0], ZeroDivisionError)


def test_teardown_request_does_not_see_a_handled_exception(app: Erlen) -> None:
    seen: list[BaseException | None] = []
    app.teardown_request(seen.append)
    app.register_error_handler(KeyError, lambda e: ("handled", 400))
    app.add_url_rule("/", "index", lambda: {}["missing"])
    assert Client(app).get("/").status_code == 400
    assert seen == [None]


def test_teardown_request_runs_inner_blueprint_first_and_in_reverse_order(
    app: Erlen,
) -> None:
    calls: list[str] = []
    outer, inner = nested(app, calls)
    app.teardown_request(record(calls, "app 1"))
    app.teardown_request(record(calls, "app 2"))
    outer.teardown_request(record(calls, "outer"))
    inner.teardown_request(record(calls, "inner"))
    app.register_blueprint(outer)
    Client(app).get("/outer/inner/")
    assert calls == ["view", "inner", "outer", "app 2", "app 1"]


def test_every_teardown_runs_even_when_one_fails(app: Erlen) -> None:
    calls: list[str] = []
    app.teardown_request(record(calls, "registered first"))

    @app.teardown_request
    def broken(exc: BaseException | None) -> None:
        calls.append("broken")
        raise RuntimeError("teardown failed")

    app.add_url_rule("/", "index", lambda: "ok")
    with pytest.raises(RuntimeError, match="teardown failed"):
        Client(app).get("/")
    assert calls == ["broken", "registered first"]


def test_teardown_appcontext_runs_after_teardown_request(app: Erlen) -> None:
    calls: list[str] = []
    app.teardown_appcontext(lambda exc: calls.append(f"appcontext {exc!r}"))
    app.teardown_request(lambda exc: calls.append(f"request {exc!r}"))
    app.add_url_rule("/", "index", lambda: "ok")
    Client(app).get("/")
    assert calls == ["request None", "appcontext None"]


def test_teardown_appcontext_gets_the_unhandled_exception(app: Erlen) -> None:
    seen: list[BaseException | None] = []
    app.teardown_appcontext(seen.append)
    app.add_url_rule("/", "index", lambda: 1 / 0)
    assert Client(app).get("/").status_code == 500
    assert len(seen) == 1
    assert isinstance(seen[0], ZeroDivisionError)


# --- URL processors -----------------------------------------------------------


def test_url_value_preprocessors_run_before_any_before_request(app: Erlen) -> None:
    calls: list[str] = []
    outer, inner = nested(app, calls)
    app.before_request(record(calls, "app before"))
    inner.before_request(record(calls, "inner before"))
    inner.url_value_preprocessor(record(calls, "inner preprocessor"))
    outer.url_value_preprocessor(record(calls, "outer preprocessor"))
    app.url_value_preprocessor(record(calls, "app preprocessor"))
    app.register_blueprint(outer)
    Client(app).get("/outer/inner/")
    assert calls == [
        "app preprocessor",
        "outer preprocessor",
        "inner preprocessor",
        "app before",
        "inner before",
        "view",
    ]


def test_url_value_preprocessor_can_take_values_from_the_view(app: Erlen) -> None:
    bp = Blueprint("pages", __name__, url_prefix="/<lang>")

    @bp.url_value_preprocessor
    def pull_lang(endpoint: str | None, values: dict[str, t.Any] | None) -> None:
        assert values is not None
        g.lang = values.pop("lang")

    @bp.before_request
    def check_lang() -> t.Any:
        if g.lang not in {"en", "de"}:
            return ("unknown language", 404)
        return None

    @bp.route("/about")
    def about() -> str:
        return f"about ({g.lang})"

    app.register_blueprint(bp)
    client = Client(app)
    assert client.get("/de/about").data == b"about (de)"
    assert client.get("/xx/about").status_code == 404


def test_url_value_preprocessor_gets_the_endpoint(app: Erlen) -> None:
    seen: list[tuple[str | None, dict[str, t.Any] | None]] = []
    app.url_value_preprocessor(
        lambda endpoint, values: seen.append((endpoint, dict(values or {})))
    )
    app.add_url_rule("/item/<int:id>", "item", lambda id: str(id))
    Client(app).get("/item/7")
    assert seen == [("item", {"id": 7})]


def test_url_defaults_fill_in_values_for_url_for(app: Erlen) -> None:
    bp = Blueprint("pages", __name__, url_prefix="/<lang>")

    @bp.url_value_preprocessor
    def pull_lang(endpoint: str | None, values: dict[str, t.Any] | None) -> None:
        g.lang = values.pop("lang")  # type: ignore[union-attr]

    @bp.url_defaults
    def add_lang(endpoint: str, values: dict[str, t.Any]) -> None:
        values.setdefault("lang", g.lang)

    bp.add_url_rule("/about", "about", lambda: url_for(".contact"))
    bp.add_url_rule("/contact", "contact", lambda: "contact")
    bp.add_url_rule("/other", "other", lambda: url_for(".contact", lang="fr"))
    app.register_blueprint(bp)
    client = Client(app)
    assert client.get("/de/about").data == b"/de/contact"
    assert client.get("/de/other").data == b"/fr/contact"


def test_blueprint_url_defaults_do_not_apply_to_other_endpoints(app: Erlen) -> None:
    bp = Blueprint("pages", __name__)
    bp.url_defaults(lambda endpoint, values: values.setdefault("page", 1))
    bp.add_url_rule("/pages/", "list", lambda: "pages")
    app.register_blueprint(bp)
    app.add_url_rule("/", "index", lambda: "index")
    with app.test_request_context():
        assert url_for("pages.list") == "/pages/?page=1"
        assert url_for("index") == "/"


def test_app_url_defaults_run_before_blueprint_ones(app: Erlen) -> None:
    calls: list[str] = []
    outer, inner = nested(app, calls)
    inner.url_defaults(record(calls, "inner"))
    outer.url_defaults(record(calls, "outer"))
    app.url_defaults(record(calls, "app"))
    app.register_blueprint(outer)
    with app.test_request_context():
        assert url_for("outer.inner.index") == "/outer/inner/"
    assert calls == ["app", "outer", "inner"]
