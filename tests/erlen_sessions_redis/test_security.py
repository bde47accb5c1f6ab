"""Hostile cookies and hostile store contents, fixation, revocation, key rotation."""

from __future__ import annotations

import typing as t

import pytest
import redis

from erlen import Erlen
from erlen import session
from erlen_sessions_redis import revoke_user_sessions

if t.TYPE_CHECKING:
    from .conftest import CommandCounter


def add_views(app: Erlen) -> Erlen:
    @app.post("/login/<int:user>")
    def login(user: int) -> str:
        session.regenerate()
        session["user_id"] = user
        return "in"

    @app.post("/write")
    def write() -> str:
        session["visits"] = session.get("visits", 0) + 1
        return str(session["visits"])

    @app.get("/read")
    def read() -> dict[str, t.Any]:
        return dict(session)

    return app


def sid_of(client: t.Any) -> str:
    cookie = client.get_cookie("session")
    assert cookie is not None
    return str(cookie.value.split(".")[0])


@pytest.mark.parametrize(
    "damage",
    [
        lambda value: value[:-1] + ("A" if value[-1] != "A" else "B"),
        lambda value: value.split(".")[0],
        lambda value: value.replace(".b.", ".p."),
        lambda value: "x" + value[1:],
        lambda value: "",
        lambda value: "....",
        lambda value: "not a cookie at all \u00e9",
    ],
    ids=["signature", "id-only", "lifetime", "id", "empty", "dots", "garbage"],
)
def test_a_tampered_cookie_gives_a_fresh_session_without_asking_redis(
    make_app: t.Callable[..., Erlen],
    store: redis.Redis,
    commands: CommandCounter,
    damage: t.Callable[[str], str],
) -> None:
    client = add_views(make_app()).test_client()
    client.post("/write")
    cookie = client.get_cookie("session")
    assert cookie is not None
    client.set_cookie("session", damage(cookie.value))
    commands.reset()

    response = client.get("/read")

    assert response.status_code == 200
    assert response.json == {}
    assert "getex" not in commands.counts()
    assert len(store.keys("session:*")) == 1  # the genuine one, untouched


def test_an_unknown_id_is_never_adopted(
    make_app: t.Callable[..., Erlen], store: redis.Redis
) -> None:
    # A validly signed id Redis does not know (expired, revoked): reading it
    # creates nothing, and writing stores the data under a fresh id.
    client = add_views(make_app()).test_client()
    client.post("/write")
    planted = sid_of(client)
    store.delete(f"session:{planted}")

    assert client.get("/read").json == {}
    assert store.keys("*") == []
    client.post("/write")
    assert sid_of(client) != planted
    assert store.keys("*") == [f"session:{sid_of(client)}".encode()]


@pytest.mark.parametrize(
    "stored",
    [
        lambda s, key: s.set(key, b"not json {"),
        lambda s, key: s.set(key, b"[1, 2, 3]"),
        lambda s, key: s.set(key, b'{" b": "not base64!"}'),
        lambda s, key: s.set(key, b"\x80\x81 pickle-ish \x00"),
        lambda s, key: (s.delete(key), s.rpush(key, "a list")),
    ],
    ids=["not-json", "not-a-dict", "bad-tag", "binary", "wrong-type"],
)
def test_a_value_that_is_not_session_data_gives_an_empty_session(
    make_app: t.Callable[..., Erlen],
    store: redis.Redis,
    stored: t.Callable[[redis.Redis, str], object],
    caplog: pytest.LogCaptureFixture,
) -> None:
    client = add_views(make_app()).test_client()
    client.post("/write")
    stored(store, f"session:{sid_of(client)}")

    response = client.get("/read")

    assert response.status_code == 200
    assert response.json == {}
    assert "not session data" in caplog.text or "does not hold session data" in caplog.text
    # The next write starts a clean session under a new id.
    assert client.post("/write").text == "1"


def test_regenerate_changes_the_id_deletes_the_old_key_and_keeps_the_data(
    make_app: t.Callable[..., Erlen], store: redis.Redis
) -> None:
    client = add_views(make_app()).test_client()
    client.post("/write")
    before = sid_of(client)

    client.post("/login/7")

    after = sid_of(client)
    assert after != before
    assert store.keys("*") == [f"session:{after}".encode()]
    assert client.get("/read").json == {"user_id": 7, "visits": 1}


def test_session_fixation_an_id_planted_before_login_is_worthless_after(
    make_app: t.Callable[..., Erlen],
) -> None:
    app = add_views(make_app())
    attacker = app.test_client()
    attacker.post("/write")
    planted = attacker.get_cookie("session")
    assert planted is not None
    victim = app.test_client()
    victim.set_cookie("session", planted.value)

    victim.post("/login/7")

    assert victim.get("/read").json["user_id"] == 7
    assert attacker.get("/read").json == {}


def test_deleting_a_key_server_side_ends_that_session(
    make_app: t.Callable[..., Erlen], store: redis.Redis
) -> None:
    client = add_views(make_app()).test_client()
    client.post("/login/7")
    store.delete(f"session:{sid_of(client)}")

    assert client.get("/read").json == {}


def test_revoke_user_sessions_ends_every_session_of_that_user_only(
    make_app: t.Callable[..., Erlen], store: redis.Redis
) -> None:
    app = add_views(make_app(SESSION_REDIS_USER_KEY="user_id"))
    laptop, phone, other = app.test_client(), app.test_client(), app.test_client()
    laptop.post("/login/7")
    phone.post("/login/7")
    phone.post("/write")  # a write that does not change the user re-lists nothing
    other.post("/login/8")

    assert revoke_user_sessions(app, 7) == 2

    assert laptop.get("/read").json == {}
    assert phone.get("/read").json == {}
    assert other.get("/read").json == {"user_id": 8}
    assert revoke_user_sessions(app, 7) == 0
    assert store.smembers("session:user:8") == {sid_of(other).encode()}


def test_revoking_needs_the_user_key_and_this_plugin(
    make_app: t.Callable[..., Erlen],
) -> None:
    app = add_views(make_app())
    with pytest.raises(RuntimeError, match="SESSION_REDIS_USER_KEY"):
        revoke_user_sessions(app, 7)
    cookie_app = Erlen(__name__)
    cookie_app.session_interface = t.cast(t.Any, object())
    with pytest.raises(TypeError, match="plugins=\\{'sessions': 'redis'\\}"):
        revoke_user_sessions(cookie_app, 7)


def test_a_fallback_key_is_accepted_and_the_cookie_re_signed(
    make_app: t.Callable[..., Erlen],
) -> None:
    old = add_views(make_app(SECRET_KEY="the old key, long enough"))
    client = old.test_client()
    client.post("/write")
    signed_with_old = client.get_cookie("session")
    assert signed_with_old is not None

    new = add_views(
        make_app(
            SECRET_KEY="the new key, long enough",
            SECRET_KEY_FALLBACKS=["the old key, long enough"],
        )
    )
    client = new.test_client()
    client.set_cookie("session", signed_with_old.value)
    response = client.get("/read")

    assert response.json == {"visits": 1}
    renewed = client.get_cookie("session")
    assert renewed is not None and renewed.value != signed_with_old.value
    assert renewed.value.split(".")[0] == signed_with_old.value.split(".")[0]
    assert len(response.headers.getlist("Set-Cookie")) == 1

    rotated = add_views(make_app(SECRET_KEY="the new key, long enough"))
    stranger = rotated.test_client()
    stranger.set_cookie("session", signed_with_old.value)
    assert stranger.get("/read").json == {}
