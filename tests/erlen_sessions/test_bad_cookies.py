"""A session cookie that cannot be trusted or read gives an empty session.

Clients control the cookies they send, so every kind of broken cookie must
end in a normal response with an empty session, never in a 500.
"""

from __future__ import annotations

import random
import string
import typing as t

import pytest
from itsdangerous.encoding import base64_encode
from werkzeug.test import Client
from werkzeug.test import TestResponse

from erlen import Erlen
from erlen import session
from erlen_sessions import SecureCookieSession
from erlen_sessions import SecureCookieSessionInterface

if t.TYPE_CHECKING:
    from .conftest import FrozenClock

MakeApp = t.Callable[..., Erlen]


def signed(app: Erlen, payload: bytes) -> str:
    """``payload`` signed exactly as the app signs sessions, without encoding it.

    Lets a test send a cookie whose signature is valid but whose content is
    not what the app wrote, as a leaked key or a buggy writer would.
    """
    interface = t.cast(SecureCookieSessionInterface, app.session_interface)
    serializer = interface.get_signing_serializer(app)
    assert serializer is not None
    return serializer.make_signer().sign(payload).decode("ascii")


def good_cookie(app: Erlen) -> str:
    return signed(app, base64_encode(b'{"user":"ada"}'))


def tampered(app: Erlen) -> str:
    cookie = good_cookie(app)
    flipped = "b" if cookie[3] == "a" else "a"
    return cookie[:3] + flipped + cookie[4:]


def truncated(app: Erlen) -> str:
    return good_cookie(app)[:-4]


def unsigned(app: Erlen) -> str:
    return good_cookie(app).rsplit(".", 2)[0]


def base64_garbage(app: Erlen) -> str:
    return "!!*not%base64*!!.@@@.###"


def non_json(app: Erlen) -> str:
    return signed(app, base64_encode(b"{user: ada"))


def json_but_not_an_object(app: Erlen) -> str:
    return signed(app, base64_encode(b"[1, 2, 3]"))


def bad_bytes_tag(app: Erlen) -> str:
    return signed(app, base64_encode(b'{"raw": {" b": 5}}'))


def bad_uuid_tag(app: Erlen) -> str:
    return signed(app, base64_encode(b'{"id": {" u": "not hex"}}'))


def bad_date_tag(app: Erlen) -> str:
    return signed(app, base64_encode(b'{"when": {" d": "not a date"}}'))


def not_zlib(app: Erlen) -> str:
    # A leading dot promises zlib-compressed data.
    return signed(app, b"." + base64_encode(b"not compressed"))


def enormous(app: Erlen) -> str:
    rng = random.Random(0)
    body = "".join(rng.choice(string.ascii_letters) for _ in range(200_000))
    return f"{body}.{body[:6]}.{body[:27]}"


def non_ascii(app: Erlen) -> str:
    return "sëssiön.ünïcode.çookie"


def empty(app: Erlen) -> str:
    return ""


BAD_COOKIES = [
    tampered,
    truncated,
    unsigned,
    base64_garbage,
    non_json,
    json_but_not_an_object,
    bad_bytes_tag,
    bad_uuid_tag,
    bad_date_tag,
    not_zlib,
    enormous,
    non_ascii,
    empty,
]


def broken_session_app(make_app: MakeApp) -> Erlen:
    app = make_app()

    @app.route("/read")
    def read() -> dict[str, t.Any]:
        return {
            "session": dict(session),
            "new": t.cast(SecureCookieSession, session).new,
        }

    @app.route("/write")
    def write() -> str:
        session["user"] = "grace"
        return "written"

    @app.route("/untouched")
    def untouched() -> str:
        return "untouched"

    return app


def send(app: Erlen, path: str, cookie: str) -> TestResponse:
    """Request ``path`` with ``cookie`` as the raw header an attacker would send.

    The client's cookie jar is bypassed: it warns about enormous cookies
    itself, before the app sees them.
    """
    return Client(app, use_cookies=False).get(
        path, headers={"Cookie": f"session={cookie}"}
    )


def new_cookie(response: TestResponse) -> str:
    return response.headers["Set-Cookie"].split(";", 1)[0].split("=", 1)[1]


def test_the_good_cookie_the_bad_ones_derive_from_is_read(make_app: MakeApp) -> None:
    # Proves the bad cookies below fail for their defect, not for their key.
    app = broken_session_app(make_app)

    assert send(app, "/read", good_cookie(app)).json == {
        "session": {"user": "ada"},
        "new": False,
    }


@pytest.mark.parametrize("make_cookie", BAD_COOKIES)
def test_a_bad_cookie_reads_as_a_new_empty_session(
    make_app: MakeApp, make_cookie: t.Callable[[Erlen], str]
) -> None:
    app = broken_session_app(make_app)

    response = send(app, "/read", make_cookie(app))

    assert response.status_code == 200
    assert response.json == {"session": {}, "new": True}
    assert "Set-Cookie" not in response.headers


@pytest.mark.parametrize("make_cookie", BAD_COOKIES)
def test_a_bad_cookie_is_replaced_when_the_session_is_written(
    make_app: MakeApp, make_cookie: t.Callable[[Erlen], str]
) -> None:
    app = broken_session_app(make_app)
    response = send(app, "/write", make_cookie(app))

    assert response.status_code == 200
    assert send(app, "/read", new_cookie(response)).json == {
        "session": {"user": "grace"},
        "new": False,
    }


@pytest.mark.parametrize("make_cookie", BAD_COOKIES)
def test_a_bad_cookie_on_a_request_that_ignores_the_session_is_harmless(
    make_app: MakeApp, make_cookie: t.Callable[[Erlen], str]
) -> None:
    # Refreshing permanent sessions decodes cookies even here.
    app = broken_session_app(make_app)

    response = send(app, "/untouched", make_cookie(app))

    assert response.status_code == 200
    assert "Set-Cookie" not in response.headers


def test_an_expired_cookie_reads_as_empty(
    make_app: MakeApp, clock: FrozenClock
) -> None:
    app = broken_session_app(make_app)
    cookie = good_cookie(app)
    clock.now += int(app.permanent_session_lifetime.total_seconds()) + 1

    response = send(app, "/read", cookie)

    assert response.status_code == 200
    assert response.json == {"session": {}, "new": True}


def test_a_cookie_from_the_future_reads_as_empty(
    make_app: MakeApp, clock: FrozenClock
) -> None:
    app = broken_session_app(make_app)
    clock.now += 3600
    cookie = good_cookie(app)
    clock.now -= 3600

    assert send(app, "/read", cookie).json == {"session": {}, "new": True}


def test_an_oversized_cookie_warns_and_is_still_sent(make_app: MakeApp) -> None:
    app = make_app()
    rng = random.Random(0)
    # Random text, so compression cannot bring it under the limit.
    blob = "".join(rng.choice(string.ascii_letters) for _ in range(6000))

    @app.route("/")
    def view() -> str:
        session["blob"] = blob
        return "ok"

    with pytest.warns(UserWarning, match="cookie is too large"):
        response = Client(app).get("/")

    assert response.headers["Set-Cookie"].startswith("session=")


def test_max_cookie_size_sets_the_warning_limit(make_app: MakeApp) -> None:
    app = make_app(MAX_COOKIE_SIZE=80)

    @app.route("/")
    def view() -> str:
        session["user"] = "a name that makes the cookie pass eighty bytes"
        return "ok"

    with pytest.warns(UserWarning, match="cookie is too large"):
        Client(app).get("/")
