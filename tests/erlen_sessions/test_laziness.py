"""A request that does not use the session does not pay for it.

Each case runs in a fresh interpreter, because whether itsdangerous has
been imported is the observable sign that a cookie was decoded or signed,
and this test process has long imported it.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

SCRIPT = textwrap.dedent(
    """
    import json
    import sys

    from werkzeug.test import Client

    from erlen import Erlen
    from erlen import session

    app = Erlen("lazy")
    app.config.update(SECRET_KEY="key", SESSION_REFRESH_EACH_REQUEST={refresh})

    @app.route("/")
    def ignore():
        return "ok"

    @app.route("/touch")
    def touch():
        return str(len(session))

    client = Client(app, use_cookies=False)
    headers = {{"Cookie": "session={cookie}"}} if {cookie!r} else {{}}
    response = client.get("{path}", headers=headers)
    print(json.dumps({{
        "status": response.status_code,
        "plugin_loaded": "erlen_sessions.cookie" in sys.modules,
        "decoded": "itsdangerous" in sys.modules,
        "entry_points_read": "importlib.metadata" in sys.modules,
    }}))
    """
)


def serve_one_request(path: str, cookie: str, refresh: bool) -> dict[str, object]:
    script = SCRIPT.format(path=path, cookie=cookie, refresh=refresh)
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    return json.loads(result.stdout)  # type: ignore[no-any-return]


@pytest.mark.parametrize(
    ("path", "cookie", "refresh", "loaded", "decoded"),
    [
        # No cookie, nothing to refresh: the sessions plugin is not even
        # looked up, so its entry points are never read.
        ("/", "", True, False, False),
        ("/", "payload.stamp.signature", False, True, False),
        # Refreshing a permanent session needs to know whether it is one.
        ("/", "payload.stamp.signature", True, True, True),
        # An empty session needs no signature until something is stored.
        ("/touch", "", True, True, False),
        ("/touch", "payload.stamp.signature", False, True, True),
    ],
    ids=["no-cookie", "refresh-off", "refresh-on", "touched-no-cookie", "touched"],
)
def test_the_cookie_is_decoded_only_when_needed(
    path: str, cookie: str, refresh: bool, loaded: bool, decoded: bool
) -> None:
    outcome = serve_one_request(path, cookie, refresh)

    assert outcome == {
        "status": 200,
        "plugin_loaded": loaded,
        "decoded": decoded,
        "entry_points_read": loaded,
    }
