"""Conformance tests for sessions plugins."""

from __future__ import annotations

import typing as t
from datetime import datetime
from datetime import timedelta
from datetime import timezone

import pytest

from erlen import Erlen
from erlen import jsonify
from erlen import request
from erlen import session

from ..client import ErlenClient

if t.TYPE_CHECKING:
    from werkzeug.test import TestResponse
    from werkzeug.wrappers import Response

    from erlen.plugins.sessions import SessionMixin

_SECRET_KEY = "erlen-testing conformance key, long enough to sign with"


class SessionInterfaceConformance:
    """Tests that a sessions plugin behaves as Erlen's ``sessions`` slot promises.

    Subclass it in a test module under a name pytest collects, naming the
    plugin as it is registered (its entry point, or the name given to
    ``erlen.plugins.register``)::

        from erlen_testing.conformance import SessionInterfaceConformance

        class TestRedisSessions(SessionInterfaceConformance):
            plugin_name = "redis"
            requires_secret_key = False

    Each test builds a fresh app with :meth:`create_app`; override it to
    configure the backend (a server address, a temporary directory).

    The promises checked: what one request stores the next one reads, per
    client; reading does not mark the session modified and sends no cookie,
    writing does; a request that never touches the session sets no cookie;
    ``session.permanent`` makes the cookie outlive the browser for
    ``PERMANENT_SESSION_LIFETIME``; ``session.clear()`` deletes the cookie;
    the ``SESSION_COOKIE_*`` settings shape the cookie; a response that read
    the session varies on ``Cookie``; an unreadable cookie gives an empty
    session; the secret key is required or not, as declared; and the test
    client's ``session_transaction()`` works with the plugin.
    """

    #: The name the plugin is registered under.
    plugin_name: t.ClassVar[str]
    #: Whether the plugin gives a null session (readable, empty, refusing
    #: writes with a message naming ``SECRET_KEY``) when the app has no key.
    requires_secret_key: t.ClassVar[bool] = True

    def create_app(self) -> Erlen:
        """A new app that uses the plugin, with ``SECRET_KEY`` and ``TESTING`` set.

        The tests add their own views to it, so return a new app each time.
        """
        name = getattr(self, "plugin_name", None)
        if name is None:
            raise TypeError(
                f"{type(self).__name__} does not say which plugin to test. Set"
                " the class attribute 'plugin_name' to the name the sessions"
                " plugin is registered under, or override create_app()."
            )
        app = Erlen(__name__, plugins={"sessions": name})
        app.config.update(TESTING=True, SECRET_KEY=_SECRET_KEY)
        return app

    @pytest.fixture
    def session_app(self) -> Erlen:
        """The app of :meth:`create_app`, with the views the tests call."""
        app = self.create_app()
        _add_session_views(app)
        return app

    @pytest.fixture
    def session_client(self, session_app: Erlen) -> ErlenClient:
        """A test client of :func:`session_app`."""
        return ErlenClient(session_app, session_app.response_class)

    # -- storing -----------------------------------------------------------------

    def test_a_new_client_starts_with_an_empty_session(
        self, session_client: ErlenClient
    ) -> None:
        assert session_client.get("/read").json == {}

    def test_what_a_request_stores_the_next_request_reads(
        self, session_client: ErlenClient
    ) -> None:
        session_client.post("/write", json={"user": "ada", "visits": 3})
        assert session_client.get("/read").json == {"user": "ada", "visits": 3}

    def test_each_client_has_its_own_session(self, session_app: Erlen) -> None:
        first = ErlenClient(session_app, session_app.response_class)
        second = ErlenClient(session_app, session_app.response_class)
        first.post("/write", json={"user": "ada"})
        second.post("/write", json={"user": "grace"})
        assert first.get("/read").json == {"user": "ada"}
        assert second.get("/read").json == {"user": "grace"}

    def test_an_unreadable_cookie_gives_an_empty_session(
        self, session_app: Erlen, session_client: ErlenClient
    ) -> None:
        session_client.set_cookie(_cookie_name(session_app), "not.a.session")
        response = session_client.get("/read")
        assert response.status_code == 200
        assert response.json == {}

    # -- when the cookie is sent ---------------------------------------------

    def test_a_request_that_never_touches_the_session_sets_no_cookie(
        self, session_app: Erlen, session_client: ErlenClient
    ) -> None:
        assert _session_cookies(session_app, session_client.get("/untouched")) == []
        session_client.post("/write", json={"user": "ada"})
        assert _session_cookies(session_app, session_client.get("/untouched")) == []

    def test_reading_an_empty_session_sets_no_cookie(
        self, session_app: Erlen, session_client: ErlenClient
    ) -> None:
        assert _session_cookies(session_app, session_client.get("/read")) == []

    def test_reading_does_not_mark_the_session_modified(
        self, session_app: Erlen, session_client: ErlenClient
    ) -> None:
        session_client.post("/write", json={"user": "ada"})
        response = session_client.get("/read-flags")
        assert response.json == {"modified": False, "user": "ada"}
        assert _session_cookies(session_app, response) == []

    def test_writing_marks_the_session_modified_and_sets_the_cookie(
        self, session_app: Erlen, session_client: ErlenClient
    ) -> None:
        response = session_client.post("/write-flags")
        assert response.json == {"modified": True}
        assert len(_session_cookies(session_app, response)) == 1

    def test_a_response_that_read_the_session_varies_on_cookie(
        self, session_client: ErlenClient
    ) -> None:
        session_client.post("/write", json={"user": "ada"})
        assert "cookie" in session_client.get("/read").vary

    # -- lifetime --------------------------------------------------------------

    def test_a_browser_session_cookie_has_no_expiry(
        self, session_app: Erlen, session_client: ErlenClient
    ) -> None:
        session_client.post("/write", json={"user": "ada"})
        cookie = session_client.get_cookie(_cookie_name(session_app))
        assert cookie is not None
        assert cookie.expires is None

    def test_a_permanent_session_cookie_expires_after_the_lifetime(
        self, session_app: Erlen, session_client: ErlenClient
    ) -> None:
        session_app.config["PERMANENT_SESSION_LIFETIME"] = timedelta(days=3)
        session_client.post("/make-permanent")
        cookie = session_client.get_cookie(_cookie_name(session_app))
        assert cookie is not None and cookie.expires is not None
        now = datetime.now(timezone.utc)
        expires = cookie.expires.replace(tzinfo=timezone.utc)
        assert now + timedelta(days=2) < expires < now + timedelta(days=4)
        assert session_client.get("/permanent").json == {"permanent": True}

    def test_clearing_the_session_deletes_the_cookie(
        self, session_app: Erlen, session_client: ErlenClient
    ) -> None:
        session_client.post("/write", json={"user": "ada"})
        response = session_client.post("/clear")
        assert len(_session_cookies(session_app, response)) == 1
        assert session_client.get_cookie(_cookie_name(session_app)) is None
        assert session_client.get("/read").json == {}

    # -- configuration -----------------------------------------------------------

    def test_the_cookie_follows_the_session_cookie_settings(
        self, session_app: Erlen, session_client: ErlenClient
    ) -> None:
        session_app.config.update(
            SESSION_COOKIE_NAME="conformance",
            SESSION_COOKIE_HTTPONLY=True,
            SESSION_COOKIE_SECURE=True,
            SESSION_COOKIE_SAMESITE="Lax",
            SESSION_COOKIE_PATH="/",
        )
        (header,) = _session_cookies(session_app, session_client.post("/write-flags"))
        attributes = {part.strip().lower() for part in header.split(";")[1:]}
        assert {"httponly", "secure", "samesite=lax", "path=/"} <= attributes

    def test_the_secret_key_is_required_as_declared(
        self, session_app: Erlen, session_client: ErlenClient
    ) -> None:
        session_app.config["SECRET_KEY"] = None
        if self.requires_secret_key:
            # Reading still works, so pages that only show the session render.
            assert session_client.get("/read").json == {}
            with pytest.raises(RuntimeError, match="SECRET_KEY"):
                session_client.post("/write", json={"user": "ada"})
        else:
            session_client.post("/write", json={"user": "ada"})
            assert session_client.get("/read").json == {"user": "ada"}

    # -- the test client -----------------------------------------------------------

    def test_session_transaction_writes_what_the_next_request_reads(
        self, session_client: ErlenClient
    ) -> None:
        with session_client.session_transaction() as transaction:
            transaction["user"] = "ada"
        assert session_client.get("/read").json == {"user": "ada"}

    def test_session_transaction_reads_what_a_request_stored(
        self, session_client: ErlenClient
    ) -> None:
        session_client.post("/write", json={"user": "ada"})
        with session_client.session_transaction() as transaction:
            assert dict(transaction) == {"user": "ada"}


def _cookie_name(app: Erlen) -> str:
    return app.config["SESSION_COOKIE_NAME"]  # type: ignore[no-any-return]


def _session_cookies(app: Erlen, response: TestResponse) -> list[str]:
    """The ``Set-Cookie`` headers of ``response`` for the session cookie."""
    prefix = f"{_cookie_name(app)}="
    return [
        header
        for header in response.headers.getlist("Set-Cookie")
        if header.startswith(prefix)
    ]


def _session() -> SessionMixin:
    """The current session, typed with the flags every session carries."""
    return t.cast("SessionMixin", session)


def _add_session_views(app: Erlen) -> None:
    """The views the tests call, each using the session in one way."""

    @app.post("/write")
    def write() -> str:
        session.update(request.get_json())
        return "written"

    @app.get("/read")
    def read() -> Response:
        return jsonify(dict(session))

    @app.get("/read-flags")
    def read_flags() -> Response:
        user = session.get("user")
        return jsonify(modified=_session().modified, user=user)

    @app.post("/write-flags")
    def write_flags() -> Response:
        session["user"] = "ada"
        return jsonify(modified=_session().modified)

    @app.post("/make-permanent")
    def make_permanent() -> str:
        _session().permanent = True
        session["user"] = "ada"
        return "permanent"

    @app.get("/permanent")
    def permanent() -> Response:
        return jsonify(permanent=_session().permanent)

    @app.post("/clear")
    def clear() -> str:
        session.clear()
        return "cleared"

    @app.get("/untouched")
    def untouched() -> str:
        return "untouched"
