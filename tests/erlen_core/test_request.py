"""The request object: JSON bodies, size limits, and what matched."""

from __future__ import annotations

import typing as t

import pytest
from werkzeug.test import Client

from erlen import Blueprint
from erlen import Erlen
from erlen import request


@pytest.fixture
def app() -> Erlen:
    app = Erlen(__name__)
    app.testing = True

    @app.post("/json")
    def echo_json() -> dict[str, t.Any]:
        return {"got": request.get_json()}

    @app.post("/form")
    def form() -> dict[str, t.Any]:
        return {"fields": len(request.form), "files": len(request.files)}

    @app.post("/data")
    def data() -> str:
        return str(len(request.get_data()))

    return app


@pytest.fixture
def client(app: Erlen) -> Client:
    return Client(app)


# --- JSON --------------------------------------------------------------------


def test_get_json_parses_json_body(client: Client) -> None:
    response = client.post("/json", json={"a": [1, 2]})
    assert response.status_code == 200
    assert response.json == {"got": {"a": [1, 2]}}


def test_get_json_accepts_json_suffix_types(client: Client) -> None:
    response = client.post(
        "/json", data='{"x": 1}', content_type="application/vnd.api+json"
    )
    assert response.json == {"got": {"x": 1}}


def test_bad_json_is_400(client: Client) -> None:
    response = client.post("/json", data="{not json", content_type="application/json")
    assert response.status_code == 400
    # Outside debug mode the parser's details are not shown to clients.
    assert "Failed to decode" not in response.text


def test_bad_json_in_debug_mode_explains_the_parse_error(
    app: Erlen, client: Client
) -> None:
    app.debug = True
    response = client.post("/json", data="{not json", content_type="application/json")
    assert response.status_code == 400
    assert "Failed to decode JSON object" in response.text


def test_bad_json_reaches_400_error_handler(app: Erlen, client: Client) -> None:
    @app.errorhandler(400)
    def bad_request(e: Exception) -> tuple[str, int]:
        return "please send valid JSON", 400

    response = client.post("/json", data="[1,", content_type="application/json")
    assert response.text == "please send valid JSON"


def test_wrong_content_type_is_415(client: Client) -> None:
    response = client.post("/json", data='{"a": 1}', content_type="text/plain")
    assert response.status_code == 415


def test_missing_content_type_is_415(client: Client) -> None:
    response = client.post("/json", data=b'{"a": 1}')
    assert response.status_code == 415


def test_get_json_silent_and_force(app: Erlen, client: Client) -> None:
    @app.post("/lenient")
    def lenient() -> dict[str, t.Any]:
        return {
            "silent": request.get_json(silent=True),
            "forced": request.get_json(force=True, silent=True),
        }

    response = client.post("/lenient", data='{"a": 1}', content_type="text/plain")
    assert response.json == {"silent": None, "forced": {"a": 1}}
    response = client.post("/lenient", data="{oops", content_type="application/json")
    assert response.json == {"silent": None, "forced": None}


def test_request_json_property(app: Erlen) -> None:
    with app.test_request_context(method="POST", json={"k": "v"}):
        assert request.is_json
        assert request.json == {"k": "v"}


# --- size limits -------------------------------------------------------------


def test_max_content_length_refuses_large_body(app: Erlen, client: Client) -> None:
    app.config["MAX_CONTENT_LENGTH"] = 10
    assert client.post("/data", data=b"x" * 10).text == "10"
    assert client.post("/data", data=b"x" * 11).status_code == 413


def test_max_content_length_applies_to_forms(app: Erlen, client: Client) -> None:
    app.config["MAX_CONTENT_LENGTH"] = 50
    response = client.post("/form", data={"field": "y" * 100})
    assert response.status_code == 413


def test_max_content_length_unset_by_default(app: Erlen, client: Client) -> None:
    assert app.config["MAX_CONTENT_LENGTH"] is None
    assert client.post("/data", data=b"x" * 1_000_000).text == "1000000"


def test_large_body_unread_by_view_is_not_refused(app: Erlen, client: Client) -> None:
    app.config["MAX_CONTENT_LENGTH"] = 10

    @app.post("/ignore")
    def ignore() -> str:
        return "fine"

    assert client.post("/ignore", data=b"x" * 100).text == "fine"


def test_max_form_memory_size_refuses_large_text_field(
    app: Erlen, client: Client
) -> None:
    app.config["MAX_FORM_MEMORY_SIZE"] = 1_000
    small = client.post(
        "/form", data={"field": "y" * 100}, content_type="multipart/form-data"
    )
    assert small.json == {"fields": 1, "files": 0}
    large = client.post(
        "/form", data={"field": "y" * 2_000}, content_type="multipart/form-data"
    )
    assert large.status_code == 413


def test_max_form_memory_size_default_is_flasks(app: Erlen, client: Client) -> None:
    assert app.config["MAX_FORM_MEMORY_SIZE"] == 500_000
    response = client.post(
        "/form", data={"field": "y" * 500_001}, content_type="multipart/form-data"
    )
    assert response.status_code == 413


def test_max_form_parts_refuses_many_parts(app: Erlen, client: Client) -> None:
    app.config["MAX_FORM_PARTS"] = 5
    fields = {f"f{i}": "v" for i in range(5)}
    assert (
        client.post(
            "/form", data=fields, content_type="multipart/form-data"
        ).status_code
        == 200
    )
    fields = {f"f{i}": "v" for i in range(10)}
    response = client.post("/form", data=fields, content_type="multipart/form-data")
    assert response.status_code == 413


def test_per_request_max_content_length_overrides_config(
    app: Erlen, client: Client
) -> None:
    @app.before_request
    def limit_uploads() -> None:
        if request.path == "/data":
            request.max_content_length = 5

    assert client.post("/data", data=b"x" * 5).text == "5"
    assert client.post("/data", data=b"x" * 6).status_code == 413


def test_per_request_max_content_length_can_raise_the_limit(
    app: Erlen, client: Client
) -> None:
    app.config["MAX_CONTENT_LENGTH"] = 5

    @app.before_request
    def allow_big_uploads() -> None:
        request.max_content_length = 1_000

    assert client.post("/data", data=b"x" * 500).text == "500"


def test_per_request_form_limits_override_config(app: Erlen, client: Client) -> None:
    @app.before_request
    def strict_forms() -> None:
        request.max_form_parts = 2
        request.max_form_memory_size = 1_000

    too_many = {f"f{i}": "v" for i in range(3)}
    response = client.post("/form", data=too_many, content_type="multipart/form-data")
    assert response.status_code == 413
    response = client.post(
        "/form", data={"f": "v" * 2_000}, content_type="multipart/form-data"
    )
    assert response.status_code == 413


def test_limits_follow_config_read_at_request_time(app: Erlen) -> None:
    app.config.update(MAX_CONTENT_LENGTH=1, MAX_FORM_MEMORY_SIZE=2, MAX_FORM_PARTS=3)
    with app.test_request_context():
        assert request.max_content_length == 1
        assert request.max_form_memory_size == 2
        assert request.max_form_parts == 3


def test_413_reaches_error_handler(app: Erlen, client: Client) -> None:
    app.config["MAX_CONTENT_LENGTH"] = 1

    @app.errorhandler(413)
    def too_large(e: Exception) -> tuple[str, int]:
        return "upload smaller files", 413

    response = client.post("/data", data=b"xx")
    assert response.status_code == 413
    assert response.text == "upload smaller files"


# --- what matched ------------------------------------------------------------


def test_endpoint_of_app_view(app: Erlen) -> None:
    with app.test_request_context("/json", method="POST"):
        assert request.endpoint == "echo_json"
        assert request.blueprint is None
        assert request.blueprints == []
        assert request.url_rule is not None
        assert request.url_rule.rule == "/json"


def test_endpoint_and_view_args_in_view(app: Erlen, client: Client) -> None:
    @app.route("/item/<int:item_id>")
    def item(item_id: int) -> dict[str, t.Any]:
        return {"endpoint": request.endpoint, "view_args": request.view_args}

    assert client.get("/item/3").json == {
        "endpoint": "item",
        "view_args": {"item_id": 3},
    }


def test_endpoint_and_blueprints_in_nested_blueprint(
    app: Erlen, client: Client
) -> None:
    parent = Blueprint("parent", __name__, url_prefix="/parent")
    child = Blueprint("child", __name__, url_prefix="/child")

    @child.route("/")
    def leaf() -> dict[str, t.Any]:
        return {
            "endpoint": request.endpoint,
            "blueprint": request.blueprint,
            "blueprints": request.blueprints,
        }

    parent.register_blueprint(child)
    app.register_blueprint(parent)
    assert client.get("/parent/child/").json == {
        "endpoint": "parent.child.leaf",
        "blueprint": "parent.child",
        "blueprints": ["parent.child", "parent"],
    }


def test_endpoint_is_none_when_nothing_matched(app: Erlen) -> None:
    with app.test_request_context("/nowhere"):
        assert request.endpoint is None
        assert request.blueprint is None
        assert request.blueprints == []
        assert request.routing_exception is not None
        assert request.routing_exception.code == 404
