"""A host outside ``SERVER_NAME`` warns as Werkzeug does, from the app's module.

With subdomain matching and a ``SERVER_NAME``, a request for another host
matches nothing, and Werkzeug warns. Erlen works the subdomain out itself
on that path, so the warning names a module the app chooses
(``warning_module``): warning filters on it work, as filters on
``flask.app`` work under Flask.
"""

from __future__ import annotations

import warnings

import pytest
from werkzeug.routing import Map
from werkzeug.routing import Rule
from werkzeug.test import EnvironBuilder

from erlen import Erlen
from erlen.routing import bind_to_server_name
from erlen.wrappers import Request


def make_app() -> Erlen:
    app = Erlen(__name__, subdomain_matching=True)
    app.config["SERVER_NAME"] = "example.test"

    @app.get("/")
    def index() -> str:
        return "index"

    @app.get("/", subdomain="api")
    def api() -> str:
        return "api"

    return app


@pytest.mark.filterwarnings("ignore::UserWarning:erlen.app")
def test_the_warning_comes_from_the_apps_module() -> None:
    response = make_app().test_client().get("/", base_url="http://other.test")
    assert response.status_code == 404


def test_a_filter_on_another_module_lets_it_through() -> None:
    with pytest.warns(UserWarning, match="'other.test' doesn't match configured"):
        make_app().test_client().get("/", base_url="http://other.test")


def test_a_subclass_names_its_own_module(recwarn: pytest.WarningsRecorder) -> None:
    class Shop(Erlen):
        warning_module = "shop.app"

    app = Shop(__name__, subdomain_matching=True)
    app.config["SERVER_NAME"] = "example.test"
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=UserWarning, module="shop.app")
        assert app.test_client().get("/", base_url="http://x.test").status_code == 404
    assert not recwarn


def test_hosts_under_server_name_match_without_a_warning() -> None:
    client = make_app().test_client()
    assert client.get("/", base_url="http://example.test").text == "index"
    assert client.get("/", base_url="http://api.example.test").text == "api"


CASES = [
    # server name, request URL
    ("example.test", "http://example.test/"),
    ("example.test", "http://a.b.example.test/"),
    ("Example.TEST", "http://API.example.test/"),
    ("example.test:80", "http://example.test/"),
    ("example.test:443", "https://example.test/"),
    ("example.test:443", "http://example.test/"),
    ("example.test:8080", "http://api.example.test:8080/"),
    ("example.test", "http://example.test:8080/"),
    ("example.test", "http://other.test/"),
    ("localhost.localdomain:3000", "http://127.0.0.1:3000/"),
    ("test", "http://test/"),
]


@pytest.mark.parametrize(("server_name", "url"), CASES)
def test_the_subdomain_and_warning_are_werkzeugs(server_name: str, url: str) -> None:
    url_map = Map([Rule("/", endpoint="index")])
    environ = EnvironBuilder(url).get_environ()
    with warnings.catch_warnings(record=True) as theirs:
        warnings.simplefilter("always")
        expected = url_map.bind_to_environ(environ, server_name=server_name)
    with warnings.catch_warnings(record=True) as ours:
        warnings.simplefilter("always")
        adapter = bind_to_server_name(
            url_map, Request(environ), server_name, None, "erlen.app"
        )
    assert (adapter.subdomain, adapter.server_name) == (
        expected.subdomain,
        expected.server_name,
    )
    assert [str(w.message) for w in ours] == [str(w.message) for w in theirs]
    assert all(w.category is UserWarning for w in ours)
