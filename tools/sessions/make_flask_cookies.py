"""Issue session cookies with real Flask 3.1.3, as test data for erlen-sessions.

Erlen promises that its session cookies are byte-compatible with Flask's.
The tests prove it against cookies that Flask itself made, stored in
``tests/erlen_sessions/data/flask_cookies.json``. Flask is never installed
in the project's environments, so this script makes a throwaway virtual
environment, installs Flask there, and runs itself inside it::

    python tools/sessions/make_flask_cookies.py

Run it again only to add a case; commit the JSON it writes. Every cookie is
signed with itsdangerous's clock frozen at :data:`FROZEN_TIME`, so the
tests can freeze theirs to the same second and re-create each cookie byte
for byte.

Payloads are stored as JSON in which a one-key object whose key starts
with ``$`` stands for a Python value JSON cannot hold: ``{"$tuple": [...]}``,
``{"$bytes": "<base64>"}``, ``{"$uuid": "<hex>"}``, ``{"$datetime":
"<ISO 8601>"}`` and ``{"$markup": "<html>"}``.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import typing as t
from pathlib import Path

FLASK_REQUIREMENT = "flask==3.1.3"
#: 2026-01-01T00:00:00Z, the second every cookie is signed at.
FROZEN_TIME = 1_767_225_600
#: The key most cases sign with, and an older one for key rotation.
SECRET_KEY = "erlen-compat-test-key"
OLD_SECRET_KEY = "erlen-compat-old-key"

OUTPUT = (
    Path(__file__).resolve().parents[2] / "tests/erlen_sessions/data/flask_cookies.json"
)

#: What each case puts in the session, and under which configuration.
CASES: list[dict[str, t.Any]] = [
    {
        "name": "plain",
        "payload": {
            "user_id": 42,
            "name": "Ada",
            "roles": ["admin", "dev"],
            "nested": {"zeta": 1, "alpha": [1, 2.5, None, True]},
        },
    },
    {"name": "unicode", "payload": {"greeting": "Grüße, 世界 ✓"}},
    {"name": "permanent", "payload": {"user_id": 7}, "permanent": True},
    {
        "name": "tuple",
        "payload": {
            "point": {"$tuple": [1, 2]},
            "nested": {"$tuple": [{"$tuple": [1, "a"]}, [3, {"$tuple": [4]}]]},
        },
    },
    {"name": "bytes", "payload": {"raw": {"$bytes": "AP9iaW5hcnk="}}},
    {"name": "uuid", "payload": {"id": {"$uuid": "12345678123456781234567812345678"}}},
    {
        "name": "datetime",
        "payload": {"when": {"$datetime": "2025-06-15T12:30:45+00:00"}},
    },
    {"name": "markup", "payload": {"banner": {"$markup": "<b>safe</b> &amp; sound"}}},
    {
        "name": "tag_like_dict",
        "payload": {
            "odd": {" t": "not a tuple"},
            "odder": {" di": {" b": "not bytes"}},
        },
    },
    {
        "name": "flashes",
        "flashes": [
            ["message", "Welcome back"],
            ["warning", "Disk almost full"],
            ["info", {"$markup": "<i>safe</i>"}],
        ],
    },
    {"name": "compressed", "payload": {"text": "abc" * 200}},
    {
        "name": "old_key",
        "payload": {"user_id": 1},
        "config": {"SECRET_KEY": OLD_SECRET_KEY},
    },
    {
        "name": "rotated",
        "payload": {"user_id": 2},
        "config": {"SECRET_KEY_FALLBACKS": [OLD_SECRET_KEY]},
    },
    {
        "name": "cookie_settings",
        "payload": {"user_id": 3},
        "permanent": True,
        "config": {
            "SESSION_COOKIE_NAME": "sid",
            "SESSION_COOKIE_DOMAIN": "example.com",
            "SESSION_COOKIE_PATH": "/app",
            "SESSION_COOKIE_HTTPONLY": False,
            "SESSION_COOKIE_SECURE": True,
            "SESSION_COOKIE_SAMESITE": "Lax",
            "SESSION_COOKIE_PARTITIONED": True,
        },
    },
]


def decode(value: t.Any) -> t.Any:
    """Turn a stored payload into the Python values it describes."""
    import base64
    import datetime
    import uuid

    if isinstance(value, list):
        return [decode(item) for item in value]
    if not isinstance(value, dict):
        return value
    if len(value) == 1 and next(iter(value)).startswith("$"):
        ((kind, raw),) = value.items()
        if kind == "$tuple":
            return tuple(decode(item) for item in raw)
        if kind == "$bytes":
            return base64.b64decode(raw)
        if kind == "$uuid":
            return uuid.UUID(raw)
        if kind == "$datetime":
            return datetime.datetime.fromisoformat(raw)
        if kind == "$markup":
            from markupsafe import Markup

            return Markup(raw)
        raise ValueError(f"Unknown payload type {kind!r}.")
    return {key: decode(item) for key, item in value.items()}


def issue(case: dict[str, t.Any]) -> dict[str, t.Any]:
    """Run one case through a Flask app; return the case with its cookie."""
    import flask

    app = flask.Flask(__name__)
    app.config.update({"SECRET_KEY": SECRET_KEY, **case.get("config", {})})

    @app.route("/")
    def set_session() -> str:
        flask.session.update(decode(case.get("payload", {})))
        if case.get("permanent"):
            flask.session.permanent = True
        for category, message in case.get("flashes", []):
            flask.flash(decode(message), category)
        return "ok"

    response = app.test_client().get("/")
    (set_cookie,) = response.headers.getlist("Set-Cookie")
    cookie = set_cookie.split(";", 1)[0].split("=", 1)[1]
    return {
        **case,
        "cookie": cookie,
        "set_cookie": set_cookie,
        "vary": response.headers["Vary"],
    }


def generate() -> dict[str, t.Any]:
    """Issue every case; runs inside the virtual environment that has Flask."""
    import types
    from importlib.metadata import version

    import itsdangerous.timed

    # Only itsdangerous's clock is frozen: it decides the cookie's timestamp.
    itsdangerous.timed.time = types.SimpleNamespace(time=lambda: FROZEN_TIME)  # type: ignore[assignment]
    return {
        "about": (
            "Session cookies issued by Flask, made by"
            " tools/sessions/make_flask_cookies.py; do not edit by hand."
        ),
        "generated_with": {
            name: version(name)
            for name in ("flask", "werkzeug", "itsdangerous", "markupsafe")
        },
        "frozen_time": FROZEN_TIME,
        "secret_key": SECRET_KEY,
        "old_secret_key": OLD_SECRET_KEY,
        "cases": [issue(case) for case in CASES],
    }


def main() -> None:
    """Make the virtual environment, install Flask, and run :func:`generate` there."""
    with tempfile.TemporaryDirectory(prefix="erlen-flask-") as tmp:
        venv = Path(tmp) / "venv"
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        python = venv / (
            "Scripts/python.exe" if sys.platform == "win32" else "bin/python"
        )
        subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet", FLASK_REQUIREMENT],
            check=True,
        )
        result = subprocess.run(
            [str(python), __file__, "--inside"],
            check=True,
            capture_output=True,
            text=True,
        )
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(result.stdout, encoding="utf-8")
    print(f"Wrote {OUTPUT}")


if __name__ == "__main__":
    if sys.argv[1:] == ["--inside"]:
        print(json.dumps(generate(), indent=2))
    else:
        main()
