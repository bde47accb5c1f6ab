"""The session object of one request, and the null session of an app without a key."""

from __future__ import annotations

import typing as t

from werkzeug.datastructures import CallbackDict

from erlen.plugins.sessions import NullSession
from erlen.plugins.sessions import SessionMixin

from .ids import new_id


class RedisSession(CallbackDict[str, t.Any], SessionMixin):
    """One visitor's data, as loaded from Redis; any change marks it modified.

    Changes *inside* a mutable value (appending to a list stored in the
    session) are not seen: set :attr:`modified` then.

    :param sid: the id of the key the data lives under.
    :param data: what the key held.
    :param new: whether the request brought no session that Redis knew.
    :param user: the value under ``SESSION_REDIS_USER_KEY`` when loaded,
        which the per-user index already lists this id under.
    :param stale_key: whether a fallback key signed the cookie.
    """

    def __init__(
        self,
        sid: str,
        data: t.Mapping[str, t.Any] | None = None,
        *,
        new: bool = False,
        user: str | None = None,
        stale_key: bool = False,
    ) -> None:
        def on_update(session: RedisSession) -> None:
            session.modified = True

        super().__init__(data, on_update)
        self.sid = sid
        self.new = new
        self.modified = False
        self.indexed_user = user
        self.stale_key = stale_key
        #: The id the session had before :meth:`regenerate`, deleted on save.
        self.replaced: str | None = None

    def regenerate(self) -> None:
        """Move the data to a new id; the old key is deleted when the session is saved.

        Call it when the user's privileges change, in a login view above
        all: an id an attacker planted in the browser before the login
        (session fixation) is worth nothing afterwards.
        """
        if self.replaced is None and not self.new:
            self.replaced = self.sid
        self.sid = new_id()
        self.indexed_user = None
        self.modified = True


class NoSecretKeySession(NullSession):
    """The session of an app without ``SECRET_KEY``: empty, and read-only."""

    unavailable_reason = (
        "The session is unavailable because the application has no secret"
        " key, so it cannot be changed. erlen-sessions-redis signs the session"
        " id in the cookie with SECRET_KEY. Set a long random SECRET_KEY in"
        " the app's configuration, for example app.config['SECRET_KEY'] ="
        " '<output of: python -c \"import secrets; print(secrets.token_hex())\">',"
        " or through the ERLEN_SECRET_KEY environment variable."
    )
