"""Class-based views: View and MethodView."""

from __future__ import annotations

import functools
import typing as t

import pytest
from werkzeug.test import Client

from erlen import Erlen
from erlen import request
from erlen.views import MethodView
from erlen.views import View


@pytest.fixture
def app() -> Erlen:
    app = Erlen(__name__)
    app.testing = True
    return app


# --- View --------------------------------------------------------------------


def test_view_dispatches_with_url_values(app: Erlen) -> None:
    class Greet(View):
        def dispatch_request(self, name: str) -> str:  # type: ignore[override]
            return f"Hello {name}"

    app.add_url_rule("/hello/<name>", view_func=Greet.as_view("greet"))
    assert Client(app).get("/hello/ada").text == "Hello ada"
    assert "greet" in app.view_functions


def test_view_constructor_arguments(app: Erlen) -> None:
    class Show(View):
        def __init__(self, template: str, *, suffix: str) -> None:
            self.template = template
            self.suffix = suffix

        def dispatch_request(self) -> str:
            return self.template + self.suffix

    app.add_url_rule("/", view_func=Show.as_view("show", "page", suffix=".html"))
    assert Client(app).get("/").text == "page.html"


def test_view_methods_attribute_sets_rule_methods(app: Erlen) -> None:
    class Submit(View):
        methods = ["POST"]

        def dispatch_request(self) -> str:
            return request.method

    app.add_url_rule("/", view_func=Submit.as_view("submit"))
    client = Client(app)
    assert client.post("/").text == "POST"
    response = client.get("/")
    assert response.status_code == 405
    assert set(response.allow) == {"POST", "OPTIONS"}


def test_view_without_methods_defaults_to_get(app: Erlen) -> None:
    class Plain(View):
        def dispatch_request(self) -> str:
            return "plain"

    app.add_url_rule("/", view_func=Plain.as_view("plain"))
    assert Client(app).post("/").status_code == 405


def test_view_must_implement_dispatch_request(app: Erlen) -> None:
    app.add_url_rule("/", view_func=View.as_view("bare"))
    with pytest.raises(NotImplementedError):
        Client(app).get("/")


def test_view_instance_per_request_by_default(app: Erlen) -> None:
    class Counter(View):
        def __init__(self) -> None:
            self.count = 0

        def dispatch_request(self) -> str:
            self.count += 1
            return str(self.count)

    app.add_url_rule("/", view_func=Counter.as_view("counter"))
    client = Client(app)
    assert [client.get("/").text for _ in range(3)] == ["1", "1", "1"]


def test_view_init_every_request_false_reuses_instance(app: Erlen) -> None:
    created: list[object] = []

    class Counter(View):
        init_every_request = False

        def __init__(self) -> None:
            created.append(self)
            self.count = 0

        def dispatch_request(self) -> str:
            self.count += 1
            return str(self.count)

    view = Counter.as_view("counter")
    assert len(created) == 1
    app.add_url_rule("/", view_func=view)
    client = Client(app)
    assert [client.get("/").text for _ in range(3)] == ["1", "2", "3"]
    assert len(created) == 1


def test_view_decorators_apply_in_order(app: Erlen) -> None:
    def tag(label: str) -> t.Callable[[t.Callable[..., str]], t.Callable[..., str]]:
        def decorator(f: t.Callable[..., str]) -> t.Callable[..., str]:
            @functools.wraps(f)
            def wrapper(**kwargs: t.Any) -> str:
                return f"{label}({f(**kwargs)})"

            return wrapper

        return decorator

    class Wrapped(View):
        decorators = [tag("inner"), tag("outer")]

        def dispatch_request(self) -> str:
            return "view"

    view = Wrapped.as_view("wrapped")
    app.add_url_rule("/", view_func=view)
    assert Client(app).get("/").text == "outer(inner(view))"
    assert view.__name__ == "wrapped"
    assert view.view_class is Wrapped  # type: ignore[attr-defined]


def test_view_decorator_can_refuse_the_request(app: Erlen) -> None:
    def require_token(f: t.Callable[..., str]) -> t.Callable[..., t.Any]:
        @functools.wraps(f)
        def wrapper(**kwargs: t.Any) -> t.Any:
            if request.headers.get("X-Token") != "secret":
                return "denied", 401
            return f(**kwargs)

        return wrapper

    class Secret(View):
        decorators = [require_token]

        def dispatch_request(self) -> str:
            return "secret"

    app.add_url_rule("/", view_func=Secret.as_view("secret"))
    client = Client(app)
    assert client.get("/").status_code == 401
    assert client.get("/", headers={"X-Token": "secret"}).text == "secret"


def test_view_provide_automatic_options_false(app: Erlen) -> None:
    class NoOptions(View):
        provide_automatic_options = False

        def dispatch_request(self) -> str:
            return ""

    app.add_url_rule("/", view_func=NoOptions.as_view("no_options"))
    assert Client(app).options("/").status_code == 405


def test_same_view_class_registered_twice_needs_distinct_names(app: Erlen) -> None:
    class Page(View):
        def dispatch_request(self) -> str:
            return request.endpoint or ""

    app.add_url_rule("/a", view_func=Page.as_view("a"))
    app.add_url_rule("/b", view_func=Page.as_view("b"))
    # Each as_view call makes a new function, so reusing a name is a clash.
    with pytest.raises(AssertionError, match="overwriting an existing endpoint"):
        app.add_url_rule("/c", view_func=Page.as_view("a"))
    client = Client(app)
    assert client.get("/a").text == "a"
    assert client.get("/b").text == "b"


# --- MethodView --------------------------------------------------------------


class Items(MethodView):
    def get(self) -> str:
        return "list"

    def post(self) -> tuple[str, int]:
        return "created", 201


def test_method_view_infers_methods() -> None:
    assert Items.methods == {"GET", "POST"}


def test_method_view_dispatches_by_method(app: Erlen) -> None:
    app.add_url_rule("/items", view_func=Items.as_view("items"))
    client = Client(app)
    assert client.get("/items").text == "list"
    response = client.post("/items")
    assert response.status_code == 201
    assert response.text == "created"


def test_method_view_undefined_method_is_405(app: Erlen) -> None:
    app.add_url_rule("/items", view_func=Items.as_view("items"))
    response = Client(app).delete("/items")
    assert response.status_code == 405
    assert set(response.allow) == {"GET", "HEAD", "POST", "OPTIONS"}


def test_method_view_head_falls_back_to_get(app: Erlen) -> None:
    app.add_url_rule("/items", view_func=Items.as_view("items"))
    response = Client(app).head("/items")
    assert response.status_code == 200
    assert response.data == b""
    assert response.content_length == len("list")


def test_method_view_own_head(app: Erlen) -> None:
    class WithHead(MethodView):
        def get(self) -> str:
            return "body"

        def head(self) -> tuple[str, int, dict[str, str]]:
            return "", 204, {"X-Head": "own"}

    app.add_url_rule("/", view_func=WithHead.as_view("with_head"))
    response = Client(app).head("/")
    assert response.status_code == 204
    assert response.headers["X-Head"] == "own"


def test_method_view_receives_url_values(app: Erlen) -> None:
    class Item(MethodView):
        def get(self, item_id: int) -> str:
            return f"item {item_id}"

        def delete(self, item_id: int) -> tuple[str, int]:
            return "", 204

    app.add_url_rule("/items/<int:item_id>", view_func=Item.as_view("item"))
    client = Client(app)
    assert client.get("/items/4").text == "item 4"
    assert client.delete("/items/4").status_code == 204


def test_method_view_subclass_inherits_and_extends_methods(app: Erlen) -> None:
    class MoreItems(Items):
        def delete(self) -> str:
            return "deleted"

    assert MoreItems.methods == {"GET", "POST", "DELETE"}
    app.add_url_rule("/", view_func=MoreItems.as_view("more"))
    client = Client(app)
    assert client.delete("/").text == "deleted"
    assert client.get("/").text == "list"


def test_method_view_methods_from_mixin_bases() -> None:
    class PatchMixin:
        def patch(self) -> str:
            return "patched"

    class Both(PatchMixin, Items):
        pass

    assert Both.methods == {"GET", "POST", "PATCH"}


def test_method_view_explicit_methods_win() -> None:
    class OnlyGet(Items):
        methods = ["GET"]

    assert OnlyGet.methods == ["GET"]


def test_method_view_explicit_methods_without_handler_fails_loudly(app: Erlen) -> None:
    class Broken(MethodView):
        methods = ["GET", "PUT"]

        def get(self) -> str:
            return ""

    app.add_url_rule("/", view_func=Broken.as_view("broken"))
    with pytest.raises(AssertionError, match="no method for 'PUT'"):
        Client(app).put("/")


def test_method_view_options_is_automatic(app: Erlen) -> None:
    app.add_url_rule("/items", view_func=Items.as_view("items"))
    response = Client(app).options("/items")
    assert set(response.allow) == {"GET", "HEAD", "POST", "OPTIONS"}


def test_method_view_init_every_request_false(app: Erlen) -> None:
    class Tally(MethodView):
        init_every_request = False

        def __init__(self) -> None:
            self.hits = 0

        def get(self) -> str:
            self.hits += 1
            return str(self.hits)

    app.add_url_rule("/", view_func=Tally.as_view("tally"))
    client = Client(app)
    assert client.get("/").text == "1"
    assert client.get("/").text == "2"
