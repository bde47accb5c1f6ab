"""Cookies pass between Flask 3.1.3 and Erlen in both directions.

``data/flask_cookies.json`` holds cookies that real Flask issued, made by
``tools/sessions/make_flask_cookies.py`` with itsdangerous's clock frozen.
Flask itself is never imported here: the tests read the committed data,
freeze the same clock, and check that Erlen reads each cookie back to its
payload and issues the very same bytes for the same payload, except that it
leaves a payload under 64 bytes uncompressed, which Flask reads all the same.
"""

from __future__ import annotations

import base64
import datetime
import json
import typing as t
import uuid
import zlib
from pathlib import Path

import pytest
from markupsafe import Markup
from werkzeug.test import Client

from erlen import Erlen
from erlen import flash
from erlen import session
from erlen_contexts.speedups import ENABLED as SPEEDUPS

if t.TYPE_CHECKING:
    from .conftest import FrozenClock

DATA = json.loads(
    (Path(__file__).parent / "data" / "flask_cookies.json").read_text("utf-8")
)
CASES = {case["name"]: case for case in DATA["cases"]}


def decode(value: t.Any) -> t.Any:
    """Rebuild a stored payload (see the generator's docstring for the format)."""
    if isinstance(value, list):
        return [decode(item) for item in value]
    if not isinstance(value, dict):
        return value
    if len(value) == 1 and next(iter(value)).startswith("$"):
        ((kind, raw),) = value.items()
        builders: dict[str, t.Callable[[t.Any], t.Any]] = {
            "$tuple": lambda items: tuple(decode(item) for item in items),
            "$bytes": base64.b64decode,
            "$uuid": uuid.UUID,
            "$datetime": datetime.datetime.fromisoformat,
            "$markup": Markup,
        }
        return builders[kind](raw)
    return {key: decode(item) for key, item in value.items()}


def expected_session(case: dict[str, t.Any]) -> dict[str, t.Any]:
    """What the session holds after the case's view ran."""
    data = decode(case.get("payload", {}))
    if case.get("permanent"):
        data["_permanent"] = True
    if "flashes" in case:
        data["_flashes"] = [
            (category, decode(message)) for category, message in case["flashes"]
        ]
    return t.cast("dict[str, t.Any]", data)


def typed(value: t.Any) -> t.Any:
    """``value`` with the type of every part.

    ``(1,) != [1]`` already, but ``Markup("a") == "a"`` would hide a lost tag.
    """
    if isinstance(value, dict):
        return {key: typed(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return (type(value).__name__, [typed(item) for item in value])
    return (type(value).__name__, value)


def app_for(case: dict[str, t.Any], **config: t.Any) -> Erlen:
    app = Erlen(__name__, plugins={"sessions": "cookie"})
    app.config.update(
        {"SECRET_KEY": DATA["secret_key"], **case.get("config", {}), **config}
    )
    return app


def read_with_erlen(app: Erlen, case: dict[str, t.Any]) -> dict[str, t.Any]:
    """Send the case's cookie to ``app``; return the session its view saw."""
    seen: dict[str, t.Any] = {}

    @app.route("/")
    def view() -> str:
        seen.update(session)
        return "ok"

    client = Client(app)
    client.set_cookie(app.config["SESSION_COOKIE_NAME"], case["cookie"])
    response = client.get("/")
    assert response.status_code == 200
    return seen


def flask_compressed_a_short_payload(case: dict[str, t.Any]) -> bool:
    """Whether Flask compressed a payload that Erlen sends as it is (under 64 bytes)."""
    payload = case["cookie"].split(".")
    if payload[0]:
        return False
    compressed = base64.urlsafe_b64decode(payload[1] + "=" * (-len(payload[1]) % 4))
    return len(zlib.decompress(compressed)) < 64


def without_expires(set_cookie: str) -> list[str]:
    # Expires is computed from the wall clock, which the generator did not freeze.
    return [part for part in set_cookie.split("; ") if not part.startswith("Expires=")]


def test_the_data_was_made_by_flask_3_1_3() -> None:
    assert DATA["generated_with"]["flask"] == "3.1.3"
    assert len(CASES) >= 10


@pytest.mark.parametrize("name", list(CASES))
def test_erlen_reads_a_cookie_flask_issued(name: str, clock: FrozenClock) -> None:
    case = CASES[name]
    clock.now = DATA["frozen_time"] + 60

    seen = read_with_erlen(app_for(case), case)

    assert typed(seen) == typed(expected_session(case))


@pytest.mark.parametrize("name", list(CASES))
def test_erlen_issues_the_cookie_flask_issued(name: str, clock: FrozenClock) -> None:
    case = CASES[name]
    clock.now = DATA["frozen_time"]
    app = app_for(case)

    @app.route("/")
    def view() -> str:
        session.update(decode(case.get("payload", {})))
        if case.get("permanent"):
            session.permanent = True
        for category, message in case.get("flashes", []):
            flash(decode(message), category)
        return "ok"

    response = Client(app).get("/")

    (set_cookie,) = response.headers.getlist("Set-Cookie")
    ours, flasks = without_expires(set_cookie), without_expires(case["set_cookie"])
    if flask_compressed_a_short_payload(case) and SPEEDUPS:
        # Erlen leaves a short payload uncompressed (erlen_sessions.speedups.codec;
        # with ERLEN_NO_SPEEDUPS=1 itsdangerous writes the cookie, as for Flask):
        # the same cookie otherwise, which Flask's reader reads back.
        assert ours[1:] == flasks[1:]
        value = ours[0].partition("=")[2]
        assert not value.startswith(".")
        with app.app_context():
            reader = app.session_interface.get_signing_serializer(app)  # type: ignore[attr-defined]
            assert typed(reader.loads(value)) == typed(expected_session(case))
    else:
        assert ours == flasks
    assert ("Expires=" in set_cookie) == ("Expires=" in case["set_cookie"])
    assert response.headers["Vary"] == case["vary"]


def test_a_cookie_signed_with_a_fallback_key_is_read(clock: FrozenClock) -> None:
    clock.now = DATA["frozen_time"] + 60
    case = CASES["old_key"]
    app = app_for(
        case,
        SECRET_KEY=DATA["secret_key"],
        SECRET_KEY_FALLBACKS=[DATA["old_secret_key"]],
    )

    assert read_with_erlen(app, case) == {"user_id": 1}


def test_a_cookie_signed_with_a_retired_key_is_not_read(clock: FrozenClock) -> None:
    clock.now = DATA["frozen_time"] + 60
    case = CASES["old_key"]

    assert read_with_erlen(app_for(case, SECRET_KEY=DATA["secret_key"]), case) == {}


def test_a_flask_cookie_expires_after_the_permanent_lifetime(
    clock: FrozenClock,
) -> None:
    case = CASES["permanent"]
    lifetime = datetime.timedelta(hours=1)
    clock.now = DATA["frozen_time"] + int(lifetime.total_seconds()) + 1

    assert (
        read_with_erlen(app_for(case, PERMANENT_SESSION_LIFETIME=lifetime), case) == {}
    )
