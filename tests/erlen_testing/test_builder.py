"""The app-aware EnvironBuilder, also behind ``app.test_request_context()``."""

from __future__ import annotations

import typing as t
from decimal import Decimal

import pytest

from erlen import Erlen
from erlen import request
from erlen import url_for
from erlen.json.provider import DefaultJSONProvider
from erlen_testing import EnvironBuilder


class DecimalProvider(DefaultJSONProvider):
    """Serializes decimals as strings, which the standard library refuses."""

    @staticmethod
    def default(o: t.Any) -> t.Any:
        if isinstance(o, Decimal):
            return str(o)
        return DefaultJSONProvider.default(o)


@pytest.fixture
def app() -> Erlen:
    app = Erlen(__name__)
    app.get("/items/<int:item_id>")(lambda item_id: str(item_id))
    return app


def test_the_base_url_follows_the_config(app: Erlen) -> None:
    app.config.update(
        SERVER_NAME="example.com:8080",
        APPLICATION_ROOT="/shop",
        PREFERRED_URL_SCHEME="https",
    )
    request = EnvironBuilder(app, "/items/1?sort=asc").get_request()
    assert request.url == "https://example.com:8080/shop/items/1?sort=asc"
    assert request.script_root == "/shop"


def test_json_uses_the_apps_provider(app: Erlen) -> None:
    app.json = DecimalProvider(app)
    request = EnvironBuilder(app, json={"price": Decimal("9.90")}).get_request()
    assert request.get_data(as_text=True) == '{"price": "9.90"}'
    assert request.mimetype == "application/json"


def test_subdomain_or_scheme_with_base_url_is_refused(app: Erlen) -> None:
    with pytest.raises(ValueError, match="cannot be combined with 'base_url'"):
        EnvironBuilder(app, base_url="http://x.test/", url_scheme="https")


def test_test_request_context_uses_the_plugin_builder(app: Erlen) -> None:
    app.json = DecimalProvider(app)
    with app.test_request_context("/items/3", json={"n": Decimal("1.5")}):
        assert request.get_json() == {"n": "1.5"}
    # The refusal with its explanation is this builder's, not core's fallback.
    with pytest.raises(ValueError, match="cannot be combined with 'base_url'"):
        app.test_request_context(base_url="http://x.test/", subdomain="api")


def test_url_for_in_a_test_request_context_matches_the_deployment(
    app: Erlen,
) -> None:
    app.config.update(SERVER_NAME="example.com", APPLICATION_ROOT="/shop")
    with app.test_request_context():
        assert url_for("<lambda>", item_id=2) == "/shop/items/2"
        assert (
            url_for("<lambda>", item_id=2, _external=True)
            == "http://example.com/shop/items/2"
        )
