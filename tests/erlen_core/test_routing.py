"""Routing: rules, endpoints, methods, converters, redirects and hosts."""

from __future__ import annotations

import pytest
from werkzeug.routing import BaseConverter
from werkzeug.test import Client

from erlen import Erlen
from erlen import request


@pytest.fixture
def app() -> Erlen:
    app = Erlen(__name__)
    app.testing = True
    return app


@pytest.fixture
def client(app: Erlen) -> Client:
    return Client(app)


# --- route and add_url_rule --------------------------------------------------


def test_route_serves_view_under_function_name_endpoint(
    app: Erlen, client: Client
) -> None:
    @app.route("/hello")
    def hello() -> str:
        return "Hello"

    response = client.get("/hello")
    assert response.status_code == 200
    assert response.text == "Hello"
    assert app.view_functions["hello"] is hello


def test_route_returns_the_function_unchanged(app: Erlen) -> None:
    def view() -> str:
        return ""

    assert app.route("/")(view) is view


def test_add_url_rule_with_view_func(app: Erlen, client: Client) -> None:
    def listing() -> str:
        return "items"

    app.add_url_rule("/items", view_func=listing)
    assert client.get("/items").text == "items"


def test_add_url_rule_without_view_then_endpoint_decorator(
    app: Erlen, client: Client
) -> None:
    app.add_url_rule("/late", endpoint="late")

    @app.endpoint("late")
    def late_view() -> str:
        return "late"

    assert client.get("/late").text == "late"


def test_add_url_rule_without_view_or_endpoint_is_type_error(app: Erlen) -> None:
    with pytest.raises(TypeError, match="endpoint is required"):
        app.add_url_rule("/nothing")


def test_explicit_endpoint_name(app: Erlen, client: Client) -> None:
    @app.route("/a", endpoint="custom")
    def view() -> str:
        return "custom"

    assert "custom" in app.view_functions
    assert "view" not in app.view_functions
    assert client.get("/a").text == "custom"


def test_same_function_may_serve_several_rules(app: Erlen, client: Client) -> None:
    @app.route("/one")
    @app.route("/two")
    def both() -> str:
        return request.path

    assert client.get("/one").text == "/one"
    assert client.get("/two").text == "/two"


def test_duplicate_endpoint_with_other_function_is_refused(app: Erlen) -> None:
    @app.route("/first")
    def page() -> str:
        return "first"

    def other() -> str:
        return "second"

    with pytest.raises(AssertionError, match="overwriting an existing endpoint.*page"):
        app.add_url_rule("/second", endpoint="page", view_func=other)


def test_route_after_first_request_is_refused(app: Erlen, client: Client) -> None:
    @app.route("/")
    def index() -> str:
        return ""

    client.get("/")
    with pytest.raises(AssertionError, match="already handled its first request"):
        app.add_url_rule("/late", endpoint="late", view_func=index)


# --- methods -----------------------------------------------------------------


@pytest.mark.parametrize("method", ["get", "post", "put", "delete", "patch"])
def test_method_shortcuts_accept_only_their_method(
    app: Erlen, client: Client, method: str
) -> None:
    @getattr(app, method)("/thing")
    def thing() -> str:
        return request.method

    response = client.open("/thing", method=method.upper())
    assert response.status_code == 200
    assert response.text == method.upper()

    other = "POST" if method == "get" else "GET"
    refused = client.open("/thing", method=other)
    assert refused.status_code == 405
    assert method.upper() in refused.allow


@pytest.mark.parametrize("method", ["get", "post", "put", "delete", "patch"])
def test_method_shortcuts_refuse_methods_argument(app: Erlen, method: str) -> None:
    with pytest.raises(TypeError, match="use 'route' to pass 'methods'"):
        getattr(app, method)("/x", methods=["GET"])


def test_methods_as_a_string_is_type_error(app: Erlen) -> None:
    with pytest.raises(TypeError, match=r'methods=\["POST"\]'):

        @app.route("/", methods="POST")
        def index() -> str:
            return ""


def test_add_url_rule_methods_as_a_string_is_type_error(app: Erlen) -> None:
    with pytest.raises(TypeError, match="list of strings"):
        app.add_url_rule("/", "index", lambda: "", methods="GET")


def test_methods_are_case_insensitive(app: Erlen, client: Client) -> None:
    @app.route("/", methods=["post"])
    def index() -> str:
        return "posted"

    assert client.post("/").text == "posted"


def test_405_lists_allowed_methods(app: Erlen, client: Client) -> None:
    @app.route("/", methods=["GET", "POST"])
    def index() -> str:
        return ""

    response = client.delete("/")
    assert response.status_code == 405
    assert set(response.allow) == {"GET", "HEAD", "POST", "OPTIONS"}


def test_404_for_unknown_url(app: Erlen, client: Client) -> None:
    response = client.get("/missing")
    assert response.status_code == 404
    assert "Not Found" in response.text


def test_head_is_answered_by_get_without_body(app: Erlen, client: Client) -> None:
    @app.route("/")
    def index() -> str:
        return "body"

    response = client.head("/")
    assert response.status_code == 200
    assert response.data == b""
    assert response.content_length == 4


def test_automatic_options_lists_methods(app: Erlen, client: Client) -> None:
    @app.route("/", methods=["GET", "PUT"])
    def index() -> str:
        return "not called"

    response = client.options("/")
    assert response.status_code == 200
    assert response.data == b""
    assert set(response.allow) == {"GET", "HEAD", "PUT", "OPTIONS"}


def test_options_listing_covers_every_rule_for_the_url(
    app: Erlen, client: Client
) -> None:
    @app.get("/")
    def read() -> str:
        return ""

    @app.post("/")
    def write() -> str:
        return ""

    assert set(client.options("/").allow) == {"GET", "HEAD", "POST", "OPTIONS"}


def test_view_listing_options_handles_it_itself(app: Erlen, client: Client) -> None:
    @app.route("/", methods=["GET", "OPTIONS"])
    def index() -> str:
        return f"own {request.method}"

    assert client.options("/").text == "own OPTIONS"


def test_provide_automatic_options_false_on_rule(app: Erlen, client: Client) -> None:
    def index() -> str:
        return ""

    app.add_url_rule("/", view_func=index, provide_automatic_options=False)
    response = client.options("/")
    assert response.status_code == 405
    assert "OPTIONS" not in response.allow


def test_provide_automatic_options_config_off(app: Erlen, client: Client) -> None:
    app.config["PROVIDE_AUTOMATIC_OPTIONS"] = False

    @app.route("/")
    def index() -> str:
        return ""

    assert client.options("/").status_code == 405


def test_provide_automatic_options_attribute_on_view(
    app: Erlen, client: Client
) -> None:
    def index() -> str:
        return ""

    index.provide_automatic_options = False  # type: ignore[attr-defined]
    app.add_url_rule("/", view_func=index)
    assert client.options("/").status_code == 405


def test_required_methods_attribute_on_view(app: Erlen, client: Client) -> None:
    def index() -> str:
        return request.method

    index.required_methods = ["POST"]  # type: ignore[attr-defined]
    app.add_url_rule("/", view_func=index, methods=["GET"])
    assert client.post("/").text == "POST"


# --- converters --------------------------------------------------------------


def test_builtin_converters(app: Erlen, client: Client) -> None:
    @app.route("/int/<int:n>")
    def as_int(n: int) -> str:
        return repr(n)

    @app.route("/float/<float:x>")
    def as_float(x: float) -> str:
        return repr(x)

    @app.route("/path/<path:p>")
    def as_path(p: str) -> str:
        return p

    @app.route("/uuid/<uuid:u>")
    def as_uuid(u: object) -> str:
        return type(u).__name__

    @app.route("/any/<any(red, blue):colour>")
    def as_any(colour: str) -> str:
        return colour

    @app.route("/str/<name>")
    def as_str(name: str) -> str:
        return name

    assert client.get("/int/42").text == "42"
    assert client.get("/float/1.5").text == "1.5"
    assert client.get("/path/a/b/c.txt").text == "a/b/c.txt"
    assert client.get("/uuid/12345678-1234-5678-1234-567812345678").text == "UUID"
    assert client.get("/any/blue").text == "blue"
    assert client.get("/str/erlen").text == "erlen"


@pytest.mark.parametrize(
    "url", ["/int/abc", "/int/-1", "/any/green", "/uuid/not-a-uuid", "/str/a/b"]
)
def test_converter_mismatch_is_404(app: Erlen, client: Client, url: str) -> None:
    @app.route("/int/<int:n>")
    def as_int(n: int) -> str:
        return ""

    @app.route("/any/<any(red, blue):colour>")
    def as_any(colour: str) -> str:
        return ""

    @app.route("/uuid/<uuid:u>")
    def as_uuid(u: object) -> str:
        return ""

    @app.route("/str/<name>")
    def as_str(name: str) -> str:
        return ""

    assert client.get(url).status_code == 404


class ListConverter(BaseConverter):
    """Comma-separated values, both ways."""

    def to_python(self, value: str) -> list[str]:
        return value.split(",")

    def to_url(self, value: list[str]) -> str:
        return ",".join(BaseConverter.to_url(self, item) for item in value)


def test_custom_converter(app: Erlen, client: Client) -> None:
    app.url_map.converters["list"] = ListConverter

    @app.route("/tags/<list:tags>")
    def tags(tags: list[str]) -> dict[str, object]:
        from erlen import url_for

        return {"tags": tags, "url": url_for("tags", tags=["x", "y"])}

    response = client.get("/tags/a,b,c")
    assert response.json == {"tags": ["a", "b", "c"], "url": "/tags/x,y"}


def test_unknown_converter_is_refused_at_registration(app: Erlen) -> None:
    with pytest.raises(LookupError, match="nope"):

        @app.route("/<nope:x>")
        def view(x: str) -> str:
            return x


def test_rule_defaults_fill_view_arguments(app: Erlen, client: Client) -> None:
    @app.route("/page/", defaults={"n": 1})
    @app.route("/page/<int:n>")
    def page(n: int) -> str:
        return str(n)

    assert client.get("/page/").text == "1"
    assert client.get("/page/3").text == "3"


# --- strict slashes ----------------------------------------------------------


def test_missing_trailing_slash_redirects_with_308(app: Erlen, client: Client) -> None:
    @app.route("/folder/")
    def folder() -> str:
        return "folder"

    response = client.get("/folder?x=1")
    assert response.status_code == 308
    assert response.headers["Location"] == "http://localhost/folder/?x=1"
    assert client.get("/folder", follow_redirects=True).text == "folder"


def test_post_without_trailing_slash_keeps_method_with_308(
    app: Erlen, client: Client
) -> None:
    @app.route("/form/", methods=["POST"])
    def form() -> str:
        return request.get_data(as_text=True)

    response = client.post("/form", data="payload", follow_redirects=True)
    assert response.text == "payload"


def test_extra_trailing_slash_is_404(app: Erlen, client: Client) -> None:
    @app.route("/file")
    def file() -> str:
        return ""

    assert client.get("/file/").status_code == 404


def test_strict_slashes_off_serves_both(app: Erlen, client: Client) -> None:
    @app.route("/loose/", strict_slashes=False)
    def loose() -> str:
        return "loose"

    assert client.get("/loose").status_code == 200
    assert client.get("/loose/").status_code == 200


# --- hosts and subdomains ----------------------------------------------------


def test_subdomain_matching() -> None:
    app = Erlen(__name__, subdomain_matching=True)
    app.config["SERVER_NAME"] = "example.test"

    @app.route("/")
    def root() -> str:
        return "root"

    @app.route("/", subdomain="<user>")
    def user_home(user: str) -> str:
        return f"home of {user}"

    client = Client(app)
    assert client.get("/", base_url="http://example.test").text == "root"
    assert client.get("/", base_url="http://ada.example.test").text == "home of ada"


def test_subdomain_matching_restricts_to_server_name() -> None:
    app = Erlen(__name__, subdomain_matching=True)
    app.config["SERVER_NAME"] = "example.test"

    @app.route("/")
    def root() -> str:
        return "root"

    client = Client(app)
    # Werkzeug warns that the host does not end with SERVER_NAME, as in Flask.
    with pytest.warns(UserWarning, match="doesn't match configured server name"):
        response = client.get("/", base_url="http://other.test")
    assert response.status_code == 404


def test_server_name_does_not_restrict_hosts_without_subdomain_matching() -> None:
    app = Erlen(__name__)
    app.config["SERVER_NAME"] = "example.test"

    @app.route("/")
    def root() -> str:
        return request.host

    client = Client(app)
    assert client.get("/", base_url="http://other.test").text == "other.test"
    assert (
        client.get("/", base_url="http://sub.example.test").text == "sub.example.test"
    )


def test_subdomain_rules_ignored_without_subdomain_matching() -> None:
    app = Erlen(__name__)
    app.config["SERVER_NAME"] = "example.test"

    @app.route("/", subdomain="api")
    def api() -> str:
        return "api"

    client = Client(app)
    assert client.get("/", base_url="http://api.example.test").status_code == 404


def test_host_matching() -> None:
    app = Erlen(__name__, host_matching=True, static_host="static.test")

    @app.route("/", host="a.test")
    def a() -> str:
        return "a"

    @app.route("/", host="<name>.b.test")
    def b(name: str) -> str:
        return f"b {name}"

    client = Client(app)
    assert client.get("/", base_url="http://a.test").text == "a"
    assert client.get("/", base_url="http://x.b.test").text == "b x"
    assert client.get("/", base_url="http://c.test").status_code == 404
    (static_rule,) = app.url_map.iter_rules("static")
    assert static_rule.host == "static.test"


def test_url_for_static_under_host_matching_is_external() -> None:
    app = Erlen(__name__, host_matching=True, static_host="static.test")

    @app.route("/", host="a.test")
    def a() -> str:
        from erlen import url_for

        return url_for("static", filename="app.css") + " " + url_for("a")

    response = Client(app).get("/", base_url="http://a.test")
    assert response.text == "http://static.test/static/app.css /"


def test_static_host_requires_host_matching() -> None:
    with pytest.raises(ValueError, match="static_host"):
        Erlen(__name__, static_host="static.test")
    with pytest.raises(ValueError, match="static_host"):
        Erlen(__name__, host_matching=True)


def test_host_matching_without_static_folder_needs_no_static_host() -> None:
    app = Erlen(__name__, host_matching=True, static_folder=None)
    assert "static" not in app.view_functions


def test_trusted_hosts_refuse_other_hosts() -> None:
    app = Erlen(__name__)
    app.config["TRUSTED_HOSTS"] = ["good.test", ".good.test"]

    @app.route("/")
    def index() -> str:
        return request.host

    client = Client(app)
    assert client.get("/", base_url="http://good.test").text == "good.test"
    assert client.get("/", base_url="http://api.good.test").text == "api.good.test"
    response = client.get("/", base_url="http://evil.test")
    assert response.status_code == 400


def test_untrusted_host_reaches_400_error_handler() -> None:
    app = Erlen(__name__)
    app.config["TRUSTED_HOSTS"] = ["good.test"]

    @app.errorhandler(400)
    def bad_request(e: Exception) -> tuple[str, int]:
        return "untrusted host", 400

    response = Client(app).get("/", base_url="http://evil.test")
    assert response.status_code == 400
    assert response.text == "untrusted host"
