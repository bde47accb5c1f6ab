"""When Redis cannot answer: 503 for requests that need it, nothing for the rest."""

from __future__ import annotations

import socket
import threading
import time
import typing as t

import pytest
import redis

from erlen import Erlen
from erlen import session
from erlen_sessions_redis.store import redact

if t.TYPE_CHECKING:
    from .conftest import RedisServer


def add_views(app: Erlen) -> Erlen:
    @app.post("/write")
    def write() -> str:
        session["user"] = "ada"
        return "written"

    @app.get("/read")
    def read() -> dict[str, t.Any]:
        return dict(session)

    @app.get("/untouched")
    def untouched() -> str:
        return "untouched"

    return app


def test_nothing_listening_gives_503_and_a_log_line_without_the_password(
    make_app: t.Callable[..., Erlen],
    caplog: pytest.LogCaptureFixture,
    unused_port: int,
) -> None:
    port = unused_port
    app = add_views(
        make_app(SESSION_REDIS_URL=f"redis://:hunter2@127.0.0.1:{port}/0")
    )
    client = app.test_client()

    response = client.post("/write")

    assert response.status_code == 503
    assert b"session store is unavailable" in response.data
    assert f"could not save a session: Redis at redis://:***@127.0.0.1:{port}/0" in caplog.text
    assert "hunter2" not in caplog.text
    client.set_cookie("session", "x" * 32 + ".b." + "y" * 43)
    assert client.get("/untouched").status_code == 200


def test_a_read_that_fails_gives_503_and_untouched_requests_are_served(
    make_app: t.Callable[..., Erlen],
    caplog: pytest.LogCaptureFixture,
    unused_port: int,
) -> None:
    app = add_views(make_app())
    client = app.test_client()
    client.post("/write")
    app.config["SESSION_REDIS_URL"] = "unused: the client is made once"
    app.session_interface.store(app).client = redis.Redis(  # type: ignore[attr-defined]
        port=unused_port, socket_connect_timeout=0.2
    )

    response = client.get("/read")

    assert response.status_code == 503
    assert "could not read a session" in caplog.text
    assert client.get("/untouched").text == "untouched"


def test_a_write_refused_after_a_good_read_turns_the_response_into_503(
    make_app: t.Callable[..., Erlen],
    redis_server: RedisServer,
    store: redis.Redis,
) -> None:
    # A real refusal: a Redis user that may read sessions but not write them.
    store.acl_setuser(
        "reader", enabled=True, passwords=["+readpw"], keys=["*"],
        commands=["+get", "+getex", "+ping", "+hello", "+client"],
    )
    try:
        app = add_views(make_app())
        client = app.test_client()
        client.post("/write")
        cookie = client.get_cookie("session")
        assert cookie is not None

        reader = add_views(
            make_app(
                SESSION_REDIS_URL=f"redis://reader:readpw@127.0.0.1:{redis_server.port}/0"
            )
        ).test_client()
        reader.set_cookie("session", cookie.value)
        assert reader.get("/read").json == {"user": "ada"}
        response = reader.post("/write")

        assert response.status_code == 503
        assert response.headers.getlist("Set-Cookie") == []
        assert b"session store is unavailable" in response.data
    finally:
        store.acl_deluser("reader")


def test_a_redis_that_never_answers_fails_the_request_within_the_timeout(
    make_app: t.Callable[..., Erlen],
) -> None:
    # A server that accepts connections and never replies.
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    accepted: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.1)
        while not stop.is_set():
            try:
                accepted.append(listener.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        port = listener.getsockname()[1]
        app = add_views(
            make_app(
                SESSION_REDIS_URL=f"redis://127.0.0.1:{port}/0",
                SESSION_REDIS_TIMEOUT=0.2,
            )
        )
        begin = time.monotonic()
        response = app.test_client().post("/write")
        elapsed = time.monotonic() - begin
    finally:
        stop.set()
        thread.join()
        listener.close()
        for connection in accepted:
            connection.close()

    assert response.status_code == 503
    # One try and one retry, each bounded by the read timeout.
    assert elapsed < 2


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("redis://127.0.0.1:6379/0", "redis://127.0.0.1:6379/0"),
        ("redis://:pw@host:1/2", "redis://:***@host:1/2"),
        ("rediss://user:pw@host/0", "rediss://user:***@host/0"),
        ("unix:///run/redis.sock?db=1", "unix:///run/redis.sock?db=1"),
    ],
)
def test_urls_are_logged_without_their_password(url: str, shown: str) -> None:
    assert redact(url) == shown
