"""The test client: where requests go, what they carry, and the contexts kept."""

from __future__ import annotations

import typing as t
from datetime import date

import pytest
import werkzeug.test
from werkzeug.wrappers import Request as BaseRequest

from erlen import Erlen
from erlen import g
from erlen import has_app_context
from erlen import has_request_context
from erlen import redirect
from erlen import request
from erlen import url_for
from erlen.json.provider import DefaultJSONProvider
from erlen_testing import EnvironBuilder
from erlen_testing import ErlenClient


@pytest.fixture
def app() -> Erlen:
    app = Erlen(__name__)
    app.config["TESTING"] = True

    @app.route("/", methods=["GET", "POST"])
    def index() -> str:
        return request.url

    @app.get("/environ")
    def environ() -> dict[str, t.Any]:
        return {
            "remote_addr": request.remote_addr,
            "user_agent": request.headers["User-Agent"],
        }

    @app.post("/echo")
    def echo() -> t.Any:
        return request.get_json()

    @app.get("/remember")
    def remember() -> str:
        g.seen = request.args["value"]
        return "remembered"

    @app.get("/start")
    def start() -> t.Any:
        return redirect(url_for("target"))

    @app.get("/target")
    def target() -> str:
        return "arrived"

    return app


def test_app_test_client_is_the_plugin_client(app: Erlen) -> None:
    client = app.test_client()
    assert isinstance(client, ErlenClient)
    assert client.get("/").text == "http://localhost/"


# -- where requests go -------------------------------------------------------------


def test_requests_go_to_server_name_under_application_root(app: Erlen) -> None:
    app.config.update(SERVER_NAME="example.com:1234", APPLICATION_ROOT="/foo")
    assert app.test_client().get("/").text == "http://example.com:1234/foo/"


def test_requests_use_the_preferred_url_scheme(app: Erlen) -> None:
    app.config["PREFERRED_URL_SCHEME"] = "https"
    assert app.test_client().get("/").text == "https://localhost/"


def test_subdomain_and_url_scheme_arguments_change_the_base_url(app: Erlen) -> None:
    app.config["SERVER_NAME"] = "example.com"
    response = app.test_client().get("/", subdomain="api", url_scheme="https")
    assert response.text == "https://api.example.com/"


def test_a_full_url_overrides_scheme_and_host(app: Erlen) -> None:
    response = app.test_client().get("https://other.test/?q=1")
    assert response.text == "https://other.test/?q=1"


def test_an_explicit_base_url_wins_over_the_config(app: Erlen) -> None:
    app.config["SERVER_NAME"] = "example.com"
    response = app.test_client().get("/", base_url="http://mounted.test/app/")
    assert response.text == "http://mounted.test/app/"


def test_base_url_with_subdomain_is_refused_with_the_fix(app: Erlen) -> None:
    with pytest.raises(ValueError) as exc_info:
        app.test_client().get("/", base_url="http://x.test/", subdomain="api")
    message = str(exc_info.value)
    assert "'subdomain' and 'url_scheme' cannot be combined with 'base_url'" in message
    assert "leave 'base_url' out" in message


# -- what requests carry ---------------------------------------------------------------


def test_json_is_sent_with_the_apps_json_provider(app: Erlen) -> None:
    # The standard library cannot serialize a date; the app's provider can.
    response = app.test_client().post("/echo", json={"day": date(2024, 5, 17)})
    assert response.json == {"day": "Fri, 17 May 2024 00:00:00 GMT"}


def test_response_json_is_read_with_the_apps_json_provider(app: Erlen) -> None:
    class Provider(DefaultJSONProvider):
        def loads(self, s: str | bytes, **kwargs: t.Any) -> t.Any:
            return {"read by": "app provider", **super().loads(s, **kwargs)}

    app.json = Provider(app)
    response = app.test_client().post("/echo", json={"a": 1})
    assert response.json == {"read by": "app provider", "a": 1}


def test_form_data_is_sent(app: Erlen) -> None:
    @app.post("/form")
    def form() -> str:
        return request.form["name"]

    assert app.test_client().post("/form", data={"name": "Ada"}).text == "Ada"


def test_requests_come_from_localhost_with_werkzeugs_user_agent(app: Erlen) -> None:
    from importlib.metadata import version

    assert app.test_client().get("/environ").json == {
        "remote_addr": "127.0.0.1",
        "user_agent": f"Werkzeug/{version('werkzeug')}",
    }


def test_environ_base_can_be_changed_for_the_client_and_per_request(
    app: Erlen,
) -> None:
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = "10.0.0.1"
    assert client.get("/environ").json["remote_addr"] == "10.0.0.1"
    response = client.get("/environ", environ_base={"HTTP_USER_AGENT": "bot/1"})
    assert response.json == {"remote_addr": "10.0.0.1", "user_agent": "bot/1"}


@pytest.mark.parametrize(
    "make",
    [
        lambda app: EnvironBuilder(app, "/environ"),
        lambda app: werkzeug.test.EnvironBuilder("/environ").get_environ(),
        lambda app: BaseRequest(werkzeug.test.EnvironBuilder("/environ").get_environ()),
    ],
    ids=["builder", "environ", "request"],
)
def test_prepared_requests_get_the_client_environ_base(
    app: Erlen, make: t.Callable[[Erlen], t.Any]
) -> None:
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = "10.0.0.2"
    assert client.open(make(app)).json["remote_addr"] == "10.0.0.2"


def test_a_builder_passed_to_open_can_be_used_again(app: Erlen) -> None:
    client = app.test_client()
    builder = EnvironBuilder(app, "/?n=1")
    assert client.open(builder).text == client.open(builder).text


def test_redirects_are_followed_when_asked(app: Erlen) -> None:
    client = app.test_client()
    assert client.get("/start").status_code == 302
    response = client.get("/start", follow_redirects=True)
    assert response.text == "arrived"
    assert [r.request.path for r in response.history] == ["/start"]


# -- with client: ----------------------------------------------------------------------


def test_with_client_keeps_the_last_requests_context_until_the_block_ends(
    app: Erlen,
) -> None:
    client = app.test_client()
    with client:
        client.get("/remember?value=first")
        assert request.args["value"] == "first"
        assert g.seen == "first"
        client.get("/remember?value=second")
        assert request.args["value"] == "second"
        assert g.seen == "second"
    assert not has_request_context()
    assert not has_app_context()


def test_with_client_keeps_the_context_of_the_redirect_target(app: Erlen) -> None:
    client = app.test_client()
    with client:
        client.get("/start", follow_redirects=True)
        assert request.path == "/target"
    assert not has_request_context()
    assert not has_app_context()


def test_with_client_keeps_the_context_of_a_failed_request(app: Erlen) -> None:
    app.config["TESTING"] = False

    @app.get("/fail")
    def fail() -> str:
        g.before_failing = True
        raise ZeroDivisionError

    client = app.test_client()
    with client:
        assert client.get("/fail").status_code == 500
        assert g.before_failing is True
    assert not has_app_context()


def test_without_with_no_context_is_left_behind(app: Erlen) -> None:
    app.test_client().get("/remember?value=x")
    assert not has_request_context()
    assert not has_app_context()


def test_with_client_blocks_cannot_be_nested(app: Erlen) -> None:
    client = app.test_client()
    with client:
        with pytest.raises(RuntimeError) as exc_info:
            with client:
                pass  # pragma: no cover - never entered
        assert "cannot be nested" in str(exc_info.value)
    # The refused block did not end the outer one; a new block works.
    with client:
        client.get("/")
        assert request.path == "/"


def test_a_kept_context_is_torn_down_by_the_next_request_or_the_blocks_end(
    app: Erlen,
) -> None:
    torn_down: list[str] = []

    @app.teardown_request
    def record(error: BaseException | None) -> None:
        torn_down.append(request.path)

    client = app.test_client()
    with client:
        client.get("/")
        torn_down.clear()  # the request's own teardown ran already
        client.get("/environ")
        # The first request's kept context ended before the second ran.
        assert torn_down == ["/", "/environ"]
        torn_down.clear()
        assert has_request_context()
    assert torn_down == ["/environ"]
