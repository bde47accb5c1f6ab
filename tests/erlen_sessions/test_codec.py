"""The cookie codec writes and accepts exactly what itsdangerous does.

The interface reads and writes cookies itself instead of through
itsdangerous' serializer, for speed. These tests hold every cookie it
writes to itsdangerous' bytes (but for short payloads, which it does not
compress), and every cookie it reads, including thousands of damaged ones,
to itsdangerous' verdict.
"""

from __future__ import annotations

import hashlib
import random
import typing as t
from datetime import datetime
from datetime import timezone
from uuid import UUID

import pytest
from itsdangerous import BadData
from itsdangerous import URLSafeTimedSerializer
from itsdangerous.encoding import base64_encode
from markupsafe import Markup
from werkzeug.test import Client

from erlen import Erlen
from erlen import session
from erlen_sessions import SecureCookieSessionInterface
from erlen_sessions import session_json_serializer
from erlen_sessions.speedups.codec import FlaskCookieCodec

if t.TYPE_CHECKING:
    from .conftest import FrozenClock

KEYS = ["an old key that was rotated out", "the current key of the app"]
MAX_AGE = 31 * 24 * 3600

SESSIONS: list[dict[str, t.Any]] = [
    {"count": 42},
    {"user": "ada", "roles": ["admin", "editor"], "n": 1.5, "ok": True, "x": None},
    # Long and repetitive: compressed, so the payload starts with a dot.
    {"cart": ["the same item"] * 40},
    {"name": "Zoë 🐍", "markup": Markup("<b>hi</b>"), "pair": (1, 2)},
    {"when": datetime(2025, 6, 15, 12, 30, 45, tzinfo=timezone.utc)},
    {"id": UUID(int=7), "raw": b"\x00\xff", " t": "tag-like key"},
]


def itsdangerous_serializer(keys: list[str] = KEYS) -> URLSafeTimedSerializer:
    """The serializer Flask signs session cookies with."""
    return URLSafeTimedSerializer(
        keys,
        salt="cookie-session",
        serializer=session_json_serializer,
        signer_kwargs={"key_derivation": "hmac", "digest_method": hashlib.sha1},
    )


def itsdangerous_verdict(cookie: str, now_keys: list[str] = KEYS) -> t.Any:
    try:
        return itsdangerous_serializer(now_keys).loads(cookie, max_age=MAX_AGE)
    except BadData:
        return None


@pytest.fixture
def app_context() -> t.Iterator[None]:
    # The tagged JSON goes through the app's JSON provider, as in a request.
    with Erlen(__name__).app_context():
        yield


@pytest.mark.usefixtures("app_context")
@pytest.mark.parametrize("data", SESSIONS, ids=lambda data: ",".join(data))
def test_a_cookie_is_written_byte_for_byte_as_itsdangerous_writes_it(
    data: dict[str, t.Any], clock: FrozenClock
) -> None:
    codec = FlaskCookieCodec(itsdangerous_serializer())

    assert codec.dumps(data) == itsdangerous_serializer().dumps(data)
    assert codec.loads(codec.dumps(data), MAX_AGE) == data


@pytest.mark.usefixtures("app_context")
def test_a_long_repetitive_payload_is_compressed_as_itsdangerous_does(
    clock: FrozenClock,
) -> None:
    codec = FlaskCookieCodec(itsdangerous_serializer())

    assert codec.dumps({"cart": ["the same item"] * 40}).startswith(".")
    assert not codec.dumps({"count": 42}).startswith(".")


@pytest.mark.usefixtures("app_context")
def test_a_short_payload_is_sent_uncompressed_and_itsdangerous_reads_it(
    clock: FrozenClock,
) -> None:
    data = {"id": UUID(int=7)}  # 47 bytes of JSON, mostly zeros
    assert itsdangerous_serializer().dumps(data).startswith(".")

    cookie = FlaskCookieCodec(itsdangerous_serializer()).dumps(data)

    assert not cookie.startswith(".")
    assert itsdangerous_serializer().loads(cookie) == data


@pytest.mark.usefixtures("app_context")
def test_a_cookie_signed_with_any_key_is_read_and_others_are_not(
    clock: FrozenClock,
) -> None:
    codec = FlaskCookieCodec(itsdangerous_serializer())

    for key in KEYS:
        cookie = itsdangerous_serializer([key]).dumps({"by": key})
        assert codec.loads(cookie, MAX_AGE) == {"by": key}
    forged = itsdangerous_serializer(["somebody else's key"]).dumps({"by": "me"})
    assert codec.loads(forged, MAX_AGE) is None


@pytest.mark.usefixtures("app_context")
def test_expiry_is_judged_as_itsdangerous_judges_it(clock: FrozenClock) -> None:
    codec = FlaskCookieCodec(itsdangerous_serializer())
    cookie = codec.dumps({"count": 1})
    signed_at = clock.now

    for offset in (-1, 0, MAX_AGE, MAX_AGE + 1):
        clock.now = signed_at + offset
        expected = itsdangerous_verdict(cookie)
        assert codec.loads(cookie, MAX_AGE) == expected
        assert (expected is None) == (offset in (-1, MAX_AGE + 1))


def damaged(cookie: str, rng: random.Random) -> str:
    """``cookie`` with one to three random edits, biased to the parts that matter."""
    alphabet = "Aa0-_.=+/ é~\x00" + cookie
    for _ in range(rng.randint(1, 3)):
        where = rng.randrange(len(cookie) + 1)
        edit = rng.choice(("insert", "delete", "replace", "cut"))
        if edit == "insert":
            cookie = cookie[:where] + rng.choice(alphabet) + cookie[where:]
        elif edit == "delete":
            cookie = cookie[:where] + cookie[where + 1 :]
        elif edit == "replace":
            cookie = cookie[:where] + rng.choice(alphabet) + cookie[where + 1 :]
        else:
            cookie = cookie[:where]
    return cookie


@pytest.mark.usefixtures("app_context")
def test_damaged_cookies_get_itsdangerous_verdict(clock: FrozenClock) -> None:
    codec = FlaskCookieCodec(itsdangerous_serializer())
    rng = random.Random(20261121)
    originals = [codec.dumps(data) for data in SESSIONS]
    accepted = 0
    for number in range(3000):
        cookie = damaged(rng.choice(originals), rng)
        expected = itsdangerous_verdict(cookie)
        assert codec.loads(cookie, MAX_AGE) == expected, (number, cookie)
        accepted += expected is not None
    # Some edits leave a cookie valid (padding, characters base64 skips):
    # those must be accepted too, not only the rejections matched.
    assert accepted > 0


@pytest.mark.usefixtures("app_context")
def test_a_valid_signature_over_a_broken_payload_reads_as_nothing(
    clock: FrozenClock,
) -> None:
    serializer = itsdangerous_serializer()
    codec = FlaskCookieCodec(serializer)
    signer = serializer.make_signer()
    for payload in (b"not base64!", b".eJzLSM3JyQcABiwCFQ", b"bm90IGpzb24", b"WzEsMl0"):
        cookie = signer.sign(payload).decode()
        assert codec.loads(cookie, MAX_AGE) == itsdangerous_verdict(cookie)
    # The last one is valid JSON but a list, which the interface refuses.
    assert codec.loads(signer.sign(b"WzEsMl0").decode(), MAX_AGE) == [1, 2]


@pytest.mark.usefixtures("app_context")
def test_a_timestamp_longer_than_eight_bytes_is_refused(clock: FrozenClock) -> None:
    # Leading zero bytes keep the value current; itsdangerous still refuses it.
    serializer = itsdangerous_serializer()
    codec = FlaskCookieCodec(serializer)
    payload = base64_encode(b'{"user":"ada"}')
    for stamp in (clock.now.to_bytes(8, "big"), clock.now.to_bytes(9, "big")):
        value = payload + b"." + base64_encode(stamp)
        cookie = serializer.make_signer().get_signature(value)
        cookie = (value + b"." + cookie).decode()
        assert codec.loads(cookie, MAX_AGE) == itsdangerous_verdict(cookie)
        assert (itsdangerous_verdict(cookie) is None) == (len(stamp) == 9)


def test_a_subclass_that_signs_its_own_way_is_used_for_every_cookie(
    clock: FrozenClock,
) -> None:
    class OwnSalt(SecureCookieSessionInterface):
        def get_signing_serializer(self, app: Erlen) -> URLSafeTimedSerializer:
            return URLSafeTimedSerializer(app.secret_key, salt="my own salt")

    app = Erlen(__name__, plugins={"sessions": "cookie"})
    app.secret_key = KEYS[1]
    app.session_interface = OwnSalt()

    @app.route("/set")
    def set_value() -> str:
        session["user"] = "ada"
        return ""

    @app.route("/get")
    def get_value() -> str:
        return str(session.get("user"))

    client = Client(app)
    client.get("/set")
    cookie = client.get_cookie("session")
    assert cookie is not None
    ours = URLSafeTimedSerializer(KEYS[1], salt="my own salt")
    assert ours.loads(cookie.value) == {"user": "ada"}
    assert client.get("/get").text == "ada"
    client.set_cookie(
        "session", itsdangerous_serializer([KEYS[1]]).dumps({"user": "x"})
    )
    assert client.get("/get").text == "None"


@pytest.mark.usefixtures("app_context")
def test_each_cookie_carries_the_second_it_was_signed_in(clock: FrozenClock) -> None:
    codec = FlaskCookieCodec(itsdangerous_serializer())
    stamps = []
    for step in (0, 0, 1, 300):
        clock.now += step
        cookie = codec.dumps({"count": 1})
        assert cookie == itsdangerous_serializer().dumps({"count": 1})
        _data, stamp = itsdangerous_serializer().loads(
            cookie, max_age=MAX_AGE, return_timestamp=True
        )
        stamps.append(int(stamp.timestamp()))
    start = stamps[0]
    assert stamps == [start, start, start + 1, start + 301]


@pytest.mark.usefixtures("app_context")
def test_a_cookie_read_again_gives_fresh_data_each_time(clock: FrozenClock) -> None:
    codec = FlaskCookieCodec(itsdangerous_serializer())
    cookie = codec.dumps({"cart": ["apple"], "user": "ada"})

    first = codec.loads(cookie, MAX_AGE)
    first["cart"].append("pear")
    first["user"] = "eve"

    assert codec.loads(cookie, MAX_AGE) == {"cart": ["apple"], "user": "ada"}


@pytest.mark.usefixtures("app_context")
def test_remembered_cookies_are_bounded(clock: FrozenClock) -> None:
    from erlen_sessions.speedups.codec import _MAX_VERIFIED

    codec = FlaskCookieCodec(itsdangerous_serializer())
    cookies = [codec.dumps({"n": n}) for n in range(_MAX_VERIFIED + 10)]
    for n, cookie in enumerate(cookies):
        assert codec.loads(cookie, MAX_AGE) == {"n": n}
        assert len(codec._verified) <= _MAX_VERIFIED
    # Forgotten ones are checked again, and still read.
    assert codec.loads(cookies[0], MAX_AGE) == {"n": 0}
