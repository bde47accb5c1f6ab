"""The signed-cookie session as an app sees it through real requests."""

from __future__ import annotations

import typing as t
from datetime import datetime
from datetime import timedelta
from datetime import timezone

import pytest
from werkzeug.http import parse_date
from werkzeug.test import Client
from werkzeug.test import TestResponse

from erlen import Erlen
from erlen import session
from erlen_sessions import SecureCookieSession
from erlen_sessions import SecureCookieSessionInterface

if t.TYPE_CHECKING:
    from .conftest import FrozenClock

MakeApp = t.Callable[..., Erlen]


def cookie_attributes(response: TestResponse) -> dict[str, str]:
    """The attributes of the one Set-Cookie header, by lower-case name."""
    (header,) = response.headers.getlist("Set-Cookie")
    attributes = {}
    for part in header.split("; ")[1:]:
        name, _, value = part.partition("=")
        attributes[name.lower()] = value
    return attributes


def session_app(make_app: MakeApp, **config: t.Any) -> Erlen:
    """An app with views that write, read, empty and ignore the session."""
    app = make_app(**config)

    @app.route("/set/<key>/<value>")
    def set_value(key: str, value: str) -> str:
        session[key] = value
        return "set"

    @app.route("/permanent")
    def make_permanent() -> str:
        session["user"] = "ada"
        session.permanent = True
        return "permanent"

    @app.route("/read")
    def read() -> dict[str, t.Any]:
        return dict(session)

    @app.route("/clear")
    def clear() -> str:
        session.clear()
        return "cleared"

    @app.route("/untouched")
    def untouched() -> str:
        return "untouched"

    return app


def test_a_value_set_in_one_request_is_there_in_the_next(make_app: MakeApp) -> None:
    client = Client(session_app(make_app))
    client.get("/set/user/ada")

    assert client.get("/read").json == {"user": "ada"}


def test_the_app_uses_the_cookie_interface(make_app: MakeApp) -> None:
    app = make_app()

    assert isinstance(app.session_interface, SecureCookieSessionInterface)


def test_tagged_values_survive_the_round_trip(make_app: MakeApp) -> None:
    app = make_app()
    when = datetime(2025, 6, 15, 12, 30, 45, tzinfo=timezone.utc)
    seen: dict[str, t.Any] = {}

    @app.route("/write")
    def write() -> str:
        session.update(pair=(1, 2), raw=b"\x00\xff", when=when, odd={" t": "text"})
        return "ok"

    @app.route("/look")
    def look() -> str:
        seen.update(session)
        return "ok"

    client = Client(app)
    client.get("/write")
    client.get("/look")

    assert seen == {
        "pair": (1, 2),
        "raw": b"\x00\xff",
        "when": when,
        "odd": {" t": "text"},
    }
    assert type(seen["pair"]) is tuple


def test_new_is_true_only_without_a_valid_cookie(make_app: MakeApp) -> None:
    app = session_app(make_app)
    flags: list[bool] = []

    @app.route("/new")
    def new() -> str:
        flags.append(t.cast(SecureCookieSession, session).new)
        return "ok"

    client = Client(app)
    client.get("/new")
    client.get("/set/user/ada")
    client.get("/new")

    assert flags == [True, False]


def test_reading_sends_vary_cookie_but_no_new_cookie(make_app: MakeApp) -> None:
    client = Client(session_app(make_app))
    client.get("/set/user/ada")

    response = client.get("/read")

    assert response.headers["Vary"] == "Cookie"
    assert "Set-Cookie" not in response.headers


@pytest.mark.parametrize(
    "use",
    [
        lambda s: "user" in s,
        len,
        list,
        lambda s: s.keys(),
        lambda s: s.get("user"),
        lambda s: s.items(),
        bool,
    ],
    ids=["in", "len", "iter", "keys", "get", "items", "bool"],
)
def test_any_read_marks_the_response_as_varying_on_the_cookie(
    make_app: MakeApp, use: t.Callable[[t.Any], object]
) -> None:
    # Flask 3.1.3 (GHSA-68rp-wp8r-4726): a cache must not serve a page that
    # depended on one user's session to another, whatever the kind of read.
    app = make_app()

    @app.route("/")
    def view() -> str:
        use(session)
        return "ok"

    assert Client(app).get("/").headers.get("Vary") == "Cookie"


def test_a_request_that_ignores_the_session_changes_no_header(
    make_app: MakeApp,
) -> None:
    client = Client(session_app(make_app))
    client.get("/set/user/ada")

    response = client.get("/untouched")

    assert "Vary" not in response.headers
    assert "Set-Cookie" not in response.headers


def test_emptying_the_session_deletes_the_cookie(make_app: MakeApp) -> None:
    client = Client(session_app(make_app))
    client.get("/set/user/ada")

    response = client.get("/clear")

    assert cookie_attributes(response)["max-age"] == "0"
    assert response.headers["Vary"] == "Cookie"
    assert client.get_cookie("session") is None
    assert client.get("/read").json == {}


def test_an_empty_session_that_was_only_read_sets_no_cookie(make_app: MakeApp) -> None:
    response = Client(session_app(make_app)).get("/read")

    assert "Set-Cookie" not in response.headers
    assert response.headers["Vary"] == "Cookie"


def _merge(s: t.Any) -> None:
    s |= {"extra": 1}


@pytest.mark.parametrize(
    "change",
    [
        lambda s: s.__setitem__("extra", 1),
        lambda s: s.__delitem__("user"),
        lambda s: s.update(extra=1),
        _merge,
        lambda s: s.setdefault("extra", 1),
        lambda s: s.pop("user"),
        lambda s: s.popitem(),
        lambda s: s.clear(),
    ],
    ids=["set", "del", "update", "merge", "setdefault", "pop", "popitem", "clear"],
)
def test_every_kind_of_write_resends_the_cookie(
    make_app: MakeApp, change: t.Callable[[t.Any], object]
) -> None:
    app = session_app(make_app)

    @app.route("/change")
    def view() -> str:
        change(session)
        return "ok"

    client = Client(app)
    client.get("/set/user/ada")
    before = client.get("/read").json

    response = client.get("/change")

    assert "Set-Cookie" in response.headers
    assert response.headers["Vary"] == "Cookie"
    assert client.get("/read").json != before


def test_changes_inside_a_mutable_value_need_modified(make_app: MakeApp) -> None:
    app = session_app(make_app)

    @app.route("/start")
    def start() -> str:
        session["items"] = []
        return "ok"

    @app.route("/append/<flag>")
    def append(flag: str) -> str:
        session["items"].append(flag)
        if flag == "marked":
            session.modified = True
        return "ok"

    client = Client(app)
    client.get("/start")

    assert "Set-Cookie" not in client.get("/append/silent").headers
    assert "Set-Cookie" in client.get("/append/marked").headers
    # The silent change was lost with its request.
    assert client.get("/read").json == {"items": ["marked"]}


def test_reads_that_change_nothing_do_not_resend_the_cookie(make_app: MakeApp) -> None:
    app = session_app(make_app)

    @app.route("/noop")
    def noop() -> str:
        session.pop("missing", None)
        session.setdefault("user", "someone else")
        return "ok"

    client = Client(app)
    client.get("/set/user/ada")
    response = client.get("/noop")

    assert "Set-Cookie" not in response.headers
    assert client.get("/read").json == {"user": "ada"}


def test_a_browser_session_cookie_has_no_expiry(make_app: MakeApp) -> None:
    response = Client(session_app(make_app)).get("/set/user/ada")

    assert "expires" not in cookie_attributes(response)


def test_a_permanent_session_expires_after_the_configured_lifetime(
    make_app: MakeApp,
) -> None:
    lifetime = timedelta(days=3)
    app = session_app(make_app, PERMANENT_SESSION_LIFETIME=lifetime)
    before = datetime.now(timezone.utc).replace(microsecond=0)

    response = Client(app).get("/permanent")

    expires = parse_date(cookie_attributes(response)["expires"])
    assert expires is not None
    assert before + lifetime <= expires <= datetime.now(timezone.utc) + lifetime


def test_a_session_older_than_the_lifetime_is_dropped(
    make_app: MakeApp, clock: FrozenClock
) -> None:
    # Without refreshing, so that reading does not renew the cookie.
    app = session_app(
        make_app, PERMANENT_SESSION_LIFETIME=60, SESSION_REFRESH_EACH_REQUEST=False
    )
    client = Client(app)
    client.get("/permanent")

    clock.now += 59
    assert client.get("/read").json == {"_permanent": True, "user": "ada"}
    clock.now += 2
    assert client.get("/read").json == {}


def test_a_permanent_session_is_refreshed_even_when_untouched(
    make_app: MakeApp, clock: FrozenClock
) -> None:
    client = Client(session_app(make_app))
    client.get("/permanent")
    first = client.get_cookie("session").value  # type: ignore[union-attr]
    clock.now += 3600

    response = client.get("/untouched")

    assert "Set-Cookie" in response.headers
    assert response.headers["Vary"] == "Cookie"
    assert client.get_cookie("session").value != first  # type: ignore[union-attr]
    assert client.get("/read").json == {"_permanent": True, "user": "ada"}


def test_a_refreshed_cookie_outlives_the_original(
    make_app: MakeApp, clock: FrozenClock
) -> None:
    client = Client(session_app(make_app, PERMANENT_SESSION_LIFETIME=100))
    client.get("/permanent")
    clock.now += 60
    client.get("/untouched")
    clock.now += 60

    assert client.get("/read").json == {"_permanent": True, "user": "ada"}


def test_refresh_each_request_off_leaves_unchanged_sessions_alone(
    make_app: MakeApp,
) -> None:
    client = Client(session_app(make_app, SESSION_REFRESH_EACH_REQUEST=False))
    client.get("/permanent")

    assert "Set-Cookie" not in client.get("/untouched").headers
    assert "Set-Cookie" not in client.get("/read").headers


def test_a_browser_session_is_not_refreshed(make_app: MakeApp) -> None:
    client = Client(session_app(make_app))
    client.get("/set/user/ada")

    assert "Set-Cookie" not in client.get("/read").headers


def test_every_cookie_setting_reaches_the_header(make_app: MakeApp) -> None:
    app = session_app(
        make_app,
        SESSION_COOKIE_NAME="sid",
        SESSION_COOKIE_DOMAIN="example.com",
        SESSION_COOKIE_PATH="/app",
        SESSION_COOKIE_HTTPONLY=False,
        SESSION_COOKIE_SECURE=True,
        SESSION_COOKIE_SAMESITE="Strict",
        SESSION_COOKIE_PARTITIONED=True,
    )

    response = Client(app).get("/set/user/ada")

    assert response.headers["Set-Cookie"].startswith("sid=")
    assert cookie_attributes(response) == {
        "domain": "example.com",
        "path": "/app",
        "secure": "",
        "samesite": "Strict",
        "partitioned": "",
    }


def test_deleting_uses_the_same_cookie_settings(make_app: MakeApp) -> None:
    # A browser only deletes a cookie whose domain and path match.
    app = session_app(
        make_app, SESSION_COOKIE_DOMAIN="example.com", SESSION_COOKIE_PATH="/"
    )
    client = Client(app)
    cookie = (
        client.get("/set/user/ada").headers["Set-Cookie"].split(";")[0].split("=", 1)[1]
    )
    client.set_cookie("session", cookie)

    attributes = cookie_attributes(client.get("/clear"))

    assert attributes["domain"] == "example.com"
    assert attributes["path"] == "/"
    assert attributes["max-age"] == "0"


def test_the_cookie_path_defaults_to_the_application_root(make_app: MakeApp) -> None:
    app = session_app(make_app, APPLICATION_ROOT="/shop")

    assert cookie_attributes(Client(app).get("/set/user/ada"))["path"] == "/shop"


def test_cookies_are_signed_with_the_current_key_and_read_with_fallbacks(
    make_app: MakeApp,
) -> None:
    old = session_app(make_app, SECRET_KEY="old key")
    rotated = session_app(
        make_app, SECRET_KEY="new key", SECRET_KEY_FALLBACKS=["old key"]
    )
    new_only = session_app(make_app, SECRET_KEY="new key")
    client = Client(old)
    client.get("/set/user/ada")
    old_cookie = client.get_cookie("session").value  # type: ignore[union-attr]

    def read(app: Erlen, cookie: str) -> t.Any:
        client = Client(app)
        client.set_cookie("session", cookie)
        return client.get("/read").json

    assert read(rotated, old_cookie) == {"user": "ada"}
    assert read(new_only, old_cookie) == {}
    client = Client(rotated)
    client.get("/set/user/grace")
    new_cookie = client.get_cookie("session").value  # type: ignore[union-attr]
    assert read(new_only, new_cookie) == {"user": "grace"}
    assert read(old, new_cookie) == {}


def test_changing_the_keys_of_a_running_app_takes_effect_at_once(
    make_app: MakeApp,
) -> None:
    app = session_app(make_app, SECRET_KEY="old key")
    client = Client(app)
    client.get("/set/user/ada")
    assert client.get("/read").json == {"user": "ada"}

    app.config["SECRET_KEY"] = "new key"
    assert client.get("/read").json == {}
    app.config["SECRET_KEY_FALLBACKS"] = ["old key"]
    assert client.get("/read").json == {"user": "ada"}
    client.get("/set/user/grace")
    app.config["SECRET_KEY_FALLBACKS"] = None
    assert client.get("/read").json == {"user": "grace"}


def test_without_a_secret_key_the_session_reads_as_empty(make_app: MakeApp) -> None:
    app = session_app(make_app, SECRET_KEY=None)
    client = Client(app)
    client.set_cookie("session", "anything")

    response = client.get("/read")

    assert response.status_code == 200
    assert response.json == {}
    assert "Set-Cookie" not in response.headers


def test_without_a_secret_key_writing_says_to_set_one(make_app: MakeApp) -> None:
    app = session_app(make_app, SECRET_KEY=None, TESTING=True)

    with pytest.raises(RuntimeError, match="SECRET_KEY") as caught:
        Client(app).get("/set/user/ada")

    assert "secret key" in str(caught.value)


@pytest.mark.parametrize("vary", ["Accept-Encoding", "cookie", "*"])
def test_vary_cookie_joins_a_vary_header_the_view_set(vary: str) -> None:
    app = Erlen(__name__)
    app.secret_key = "key"

    @app.route("/")
    def read() -> tuple[str, dict[str, str]]:
        return str(session.get("n")), {"Vary": vary}

    response = Client(app).get("/")
    # Werkzeug's header set: names compare case-insensitively; "*" is kept
    # as any other name.
    expected = {
        "Accept-Encoding": "Accept-Encoding, Cookie",
        "cookie": "cookie",
        "*": "*, Cookie",
    }
    assert response.headers.getlist("Vary") == [expected[vary]]
