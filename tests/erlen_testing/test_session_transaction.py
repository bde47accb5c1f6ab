"""``client.session_transaction()`` refusing clearly what it cannot do.

The transactions that open real sessions need a sessions plugin; they are in
tests/integration/test_session_transaction_plugins.py.
"""

from __future__ import annotations

import pytest

from erlen import Erlen
from erlen.plugins.sessions import NullSessionInterface

SECRET_KEY = "a test key that is long enough"


def make_app() -> Erlen:
    app = Erlen(__name__)
    app.config.update(TESTING=True, SECRET_KEY=SECRET_KEY)
    return app


def test_without_cookies_the_transaction_is_refused() -> None:
    client = make_app().test_client(use_cookies=False)
    with pytest.raises(TypeError) as exc_info, client.session_transaction():
        pass  # pragma: no cover - never entered
    assert "created with use_cookies=False" in str(exc_info.value)
    assert "app.test_client(use_cookies=True)" in str(exc_info.value)


def test_without_a_sessions_plugin_the_error_names_the_install() -> None:
    app = make_app()
    # What the app uses when no sessions plugin is installed.
    app.session_interface = NullSessionInterface()
    with pytest.raises(RuntimeError) as exc_info:
        with app.test_client().session_transaction():
            pass  # pragma: no cover - never entered
    message = str(exc_info.value)
    assert message.startswith("session_transaction() could not open a session.")
    assert "no sessions plugin is installed" in message
    assert 'pip install "erlen-core[sessions]"' in message


def test_an_interface_without_a_reason_is_named() -> None:
    class Unconfigured(NullSessionInterface):
        null_session_class = dict  # type: ignore[assignment]

    app = make_app()
    app.session_interface = Unconfigured()
    with pytest.raises(RuntimeError) as exc_info:
        with app.test_client().session_transaction():
            pass  # pragma: no cover - never entered
    assert "Unconfigured returned no session for the request" in str(exc_info.value)
