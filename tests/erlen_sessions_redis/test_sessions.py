"""Sessions in a real Redis: what is stored, when, and what each request sends."""

from __future__ import annotations

import re
import typing as t
from datetime import datetime
from datetime import timedelta
from datetime import timezone
from uuid import UUID

import redis
from markupsafe import Markup

import erlen.plugins
from erlen import Erlen
from erlen import flash
from erlen import get_flashed_messages
from erlen import request
from erlen import session
from erlen_sessions_redis import plugin
from erlen_sessions_redis import RedisSessionInterface

if t.TYPE_CHECKING:
    from .conftest import CommandCounter
    from .conftest import RedisServer

COOKIE = re.compile(r"[A-Za-z0-9_-]{32}\.[pb]\.[A-Za-z0-9_-]{43}")
#: The commands that touch session keys.
SESSION_COMMANDS = {"get", "getex", "set", "del", "expire", "sadd", "smembers"}


def add_views(app: Erlen) -> Erlen:
    @app.post("/write")
    def write() -> str:
        session.update(request.get_json())
        return "written"

    @app.get("/read")
    def read() -> dict[str, t.Any]:
        return dict(session)

    @app.post("/permanent")
    def permanent() -> str:
        session.permanent = True
        session["user"] = "ada"
        return "permanent"

    @app.post("/clear")
    def clear() -> str:
        session.clear()
        return "cleared"

    @app.get("/untouched")
    def untouched() -> str:
        return "untouched"

    return app


def session_commands(counter: CommandCounter) -> dict[str, int]:
    return {
        name: calls
        for name, calls in counter.counts().items()
        if name in SESSION_COMMANDS
    }


def only_key(store: redis.Redis) -> str:
    (key,) = store.keys("session:*")
    return str(key.decode())


def test_the_plugin_is_found_through_its_entry_point() -> None:
    info = erlen.plugins.available("sessions")["redis"]

    assert info.distribution == "erlen-sessions-redis"
    assert info.value == "erlen_sessions_redis.plugin:plugin"
    assert info.load() is plugin


def test_the_plugin_is_chosen_through_the_plugins_config_key(
    redis_server: RedisServer, store: redis.Redis
) -> None:
    app = add_views(Erlen(__name__))
    app.config.update(
        SECRET_KEY="k" * 32,
        SESSION_REDIS_URL=redis_server.url,
        PLUGINS={"sessions": "redis"},
    )
    app.test_client().post("/write", json={"user": "ada"})

    assert isinstance(app.session_interface, RedisSessionInterface)
    assert len(store.keys("session:*")) == 1


def test_the_cookie_holds_only_a_signed_id_and_redis_the_data(
    make_app: t.Callable[..., Erlen], store: redis.Redis
) -> None:
    client = add_views(make_app()).test_client()
    client.post("/write", json={"user": "ada", "secret": "s3cr3t"})

    cookie = client.get_cookie("session")
    assert cookie is not None and COOKIE.fullmatch(cookie.value)
    sid = cookie.value.split(".")[0]
    assert only_key(store) == f"session:{sid}"
    assert store.get(f"session:{sid}") == b'{"secret":"s3cr3t","user":"ada"}'
    assert client.get("/read").json == {"secret": "s3cr3t", "user": "ada"}


def test_tagged_values_come_back_as_themselves(
    make_app: t.Callable[..., Erlen],
) -> None:
    app = make_app()
    values = {
        "tuple": (1, "a"),
        "bytes": b"\x00\xff",
        "when": datetime(2025, 6, 15, 12, 30, 45, tzinfo=timezone.utc),
        "id": UUID(int=7),
        "html": Markup("<b>hi</b>"),
    }

    @app.post("/store")
    def store_values() -> str:
        session.update(values)
        return "stored"

    @app.get("/check")
    def check() -> str:
        assert dict(session) == values
        assert {key: type(value) for key, value in session.items()} == {
            key: type(value) for key, value in values.items()
        }
        return "same"

    client = app.test_client()
    client.post("/store")
    assert client.get("/check").text == "same"


def test_the_key_prefix_is_configurable(
    make_app: t.Callable[..., Erlen], store: redis.Redis
) -> None:
    client = add_views(make_app(SESSION_KEY_PREFIX="app1:s:")).test_client()
    client.post("/write", json={"user": "ada"})

    assert store.keys("session:*") == []
    assert len(store.keys("app1:s:*")) == 1


def test_a_client_object_in_session_redis_is_used(
    make_app: t.Callable[..., Erlen], redis_server: RedisServer, store: redis.Redis
) -> None:
    own = redis.Redis(port=redis_server.port, db=1)
    client = add_views(
        make_app(SESSION_REDIS=own, SESSION_REDIS_URL="redis://127.0.0.1:1/0")
    ).test_client()
    client.post("/write", json={"user": "ada"})

    assert client.get("/read").json == {"user": "ada"}
    assert store.keys("*") == []
    assert len(own.keys("session:*")) == 1


# -- what each request sends ---------------------------------------------------------


def test_a_request_that_does_not_touch_the_session_sends_nothing(
    make_app: t.Callable[..., Erlen], commands: CommandCounter
) -> None:
    client = add_views(make_app()).test_client()
    client.post("/write", json={"user": "ada"})
    commands.reset()

    response = client.get("/untouched")

    assert response.headers.getlist("Set-Cookie") == []
    assert session_commands(commands) == {}


def test_a_read_is_one_command_and_rewrites_nothing(
    make_app: t.Callable[..., Erlen], commands: CommandCounter
) -> None:
    client = add_views(make_app()).test_client()
    client.post("/write", json={"user": "ada"})
    commands.reset()

    response = client.get("/read")

    assert response.json == {"user": "ada"}
    assert response.headers.getlist("Set-Cookie") == []
    assert "cookie" in response.vary
    assert session_commands(commands) == {"getex": 1}


def test_a_write_is_one_command_and_a_first_write_reads_nothing(
    make_app: t.Callable[..., Erlen], commands: CommandCounter
) -> None:
    client = add_views(make_app()).test_client()
    client.post("/write", json={"user": "ada"})
    assert session_commands(commands) == {"set": 1}
    commands.reset()

    client.post("/write", json={"visits": 2})

    assert session_commands(commands) == {"getex": 1, "set": 1}
    assert client.get("/read").json == {"user": "ada", "visits": 2}


def test_without_refresh_a_read_is_a_plain_get_and_the_ttl_runs_on(
    make_app: t.Callable[..., Erlen], commands: CommandCounter, store: redis.Redis
) -> None:
    client = add_views(make_app(SESSION_REFRESH_EACH_REQUEST=False)).test_client()
    client.post("/write", json={"user": "ada"})
    store.expire(only_key(store), 100)
    commands.reset()

    client.get("/read")

    assert session_commands(commands) == {"get": 1}
    assert store.ttl(only_key(store)) <= 100


def test_an_empty_session_that_is_only_read_creates_no_key(
    make_app: t.Callable[..., Erlen], store: redis.Redis, commands: CommandCounter
) -> None:
    client = add_views(make_app()).test_client()
    response = client.get("/read")

    assert response.json == {}
    assert response.headers.getlist("Set-Cookie") == []
    assert store.keys("*") == []
    assert session_commands(commands) == {}


# -- lifetimes -----------------------------------------------------------------------


def test_a_browser_session_expires_after_the_non_permanent_ttl(
    make_app: t.Callable[..., Erlen], store: redis.Redis
) -> None:
    client = add_views(
        make_app(SESSION_REDIS_NON_PERMANENT_TTL=timedelta(hours=2))
    ).test_client()
    client.post("/write", json={"user": "ada"})

    assert 7190 < store.ttl(only_key(store)) <= 7200
    cookie = client.get_cookie("session")
    assert cookie is not None and cookie.expires is None


def test_the_non_permanent_ttl_defaults_to_a_day_and_takes_seconds(
    make_app: t.Callable[..., Erlen], store: redis.Redis
) -> None:
    client = add_views(make_app()).test_client()
    client.post("/write", json={"user": "ada"})
    assert 86390 < store.ttl(only_key(store)) <= 86400

    store.flushall()
    client = add_views(make_app(SESSION_REDIS_NON_PERMANENT_TTL=600)).test_client()
    client.post("/write", json={"user": "ada"})
    assert 590 < store.ttl(only_key(store)) <= 600


def test_a_permanent_session_lives_for_the_permanent_lifetime(
    make_app: t.Callable[..., Erlen], store: redis.Redis
) -> None:
    app = add_views(make_app(PERMANENT_SESSION_LIFETIME=timedelta(days=3)))
    client = app.test_client()
    client.post("/permanent")

    assert 3 * 86400 - 10 < store.ttl(only_key(store)) <= 3 * 86400
    cookie = client.get_cookie("session")
    assert cookie is not None and cookie.value.split(".")[1] == "p"
    assert cookie.expires is not None


def test_a_read_renews_the_ttl_and_the_permanent_cookie(
    make_app: t.Callable[..., Erlen], store: redis.Redis, commands: CommandCounter
) -> None:
    app = add_views(make_app(PERMANENT_SESSION_LIFETIME=timedelta(days=3)))
    client = app.test_client()
    client.post("/permanent")
    store.expire(only_key(store), 100)
    commands.reset()

    response = client.get("/read")

    assert 3 * 86400 - 10 < store.ttl(only_key(store))
    # Flask's refresh: the permanent cookie's expiry moves too, with no write.
    assert len(response.headers.getlist("Set-Cookie")) == 1
    assert session_commands(commands) == {"getex": 1}


def test_clear_deletes_the_key_and_the_cookie(
    make_app: t.Callable[..., Erlen], store: redis.Redis
) -> None:
    client = add_views(make_app()).test_client()
    client.post("/write", json={"user": "ada"})

    response = client.post("/clear")

    assert store.keys("*") == []
    assert client.get_cookie("session") is None
    assert "session=;" in response.headers["Set-Cookie"]
    assert client.get("/read").json == {}


def test_an_expired_key_gives_an_empty_session(
    make_app: t.Callable[..., Erlen], store: redis.Redis
) -> None:
    client = add_views(make_app()).test_client()
    client.post("/write", json={"user": "ada"})
    store.delete(only_key(store))  # what expiry does

    assert client.get("/read").json == {}
    assert store.keys("*") == []


# -- flash and the test client -------------------------------------------------------


def test_flash_works_across_requests(make_app: t.Callable[..., Erlen]) -> None:
    app = make_app()

    @app.post("/flash")
    def flash_view() -> str:
        flash("Saved", "info")
        flash(Markup("<b>safe</b>"))
        return "flashed"

    @app.get("/messages")
    def messages() -> dict[str, t.Any]:
        shown = get_flashed_messages(with_categories=True)
        return {"messages": [[c, m, type(m).__name__] for c, m in shown]}

    client = app.test_client()
    client.post("/flash")
    assert client.get("/messages").json == {
        "messages": [["info", "Saved", "str"], ["message", "<b>safe</b>", "Markup"]]
    }
    assert client.get("/messages").json == {"messages": []}


def test_session_transaction_reads_and_writes_redis(
    make_app: t.Callable[..., Erlen], store: redis.Redis
) -> None:
    client = add_views(make_app()).test_client()
    with client.session_transaction() as transaction:
        transaction["user"] = "ada"

    assert len(store.keys("session:*")) == 1
    assert client.get("/read").json == {"user": "ada"}
