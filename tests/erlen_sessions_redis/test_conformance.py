"""erlen-testing's sessions conformance kit, run against this plugin."""

from __future__ import annotations

import typing as t

import pytest

from erlen import Erlen
from erlen_testing.conformance import SessionInterfaceConformance

if t.TYPE_CHECKING:
    from .conftest import RedisServer


class TestRedisSessions(SessionInterfaceConformance):
    plugin_name = "redis"

    @pytest.fixture(autouse=True)
    def _server(self, redis_server: RedisServer, store: t.Any) -> None:
        self.url = redis_server.url

    def create_app(self) -> Erlen:
        app = super().create_app()
        app.config["SESSION_REDIS_URL"] = self.url
        return app
