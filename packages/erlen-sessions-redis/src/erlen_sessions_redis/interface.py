"""Sessions kept in Redis, with only a signed random id in the cookie.

What each request sends to Redis:

- a request that never touches ``session``: nothing;
- a request that reads it: one ``GET``, or ``GETEX`` renewing the key's TTL
  when ``SESSION_REFRESH_EACH_REQUEST`` is on (Flask's default);
- a request that changes it: one ``SET`` of the whole session with its TTL,
  so a reader never sees half of a write, and of two requests writing one
  session at once the last to finish wins;
- a request that empties it: one ``DEL``, and the cookie is deleted.

A tampered, unknown or expired id gives a new empty session under a fresh
id, and no key exists until something is stored in it.
"""

from __future__ import annotations

import typing as t
from datetime import timedelta

import redis

from erlen.json.tag import TaggedJSONSerializer
from erlen.plugins.sessions import SessionInterface

from .ids import IdSigner
from .ids import new_id
from .ids import SignedId
from .session import NoSecretKeySession
from .session import RedisSession
from .store import connect
from .store import Store
from .store import StoreUnavailable

if t.TYPE_CHECKING:
    from werkzeug.wrappers import Request
    from werkzeug.wrappers import Response

    from erlen import Erlen
    from erlen.plugins.sessions import SessionMixin

#: The serializer sessions are stored with; register extra tags on it.
#: Tagged JSON, never pickle: whoever can write to Redis cannot make the app
#: run code.
session_json_serializer = TaggedJSONSerializer()

#: How long an untouched browser (non-permanent) session is kept.
DEFAULT_NON_PERMANENT_TTL = timedelta(days=1)
DEFAULT_KEY_PREFIX = "session:"


class RedisSessionInterface(SessionInterface):
    """Load and save one application's sessions in Redis.

    The Redis client is made from the app's config on first use and kept.
    """

    null_session_class = NoSecretKeySession
    serializer = session_json_serializer

    def __init__(self) -> None:
        self._store: Store | None = None
        self._signing: tuple[tuple[str | bytes, ...], IdSigner] | None = None

    def store(self, app: Erlen) -> Store:
        """The app's session store, connected on first use."""
        if self._store is None:
            client, where = connect(app.config)
            prefix = app.config.get("SESSION_KEY_PREFIX", DEFAULT_KEY_PREFIX)
            self._store = Store(client, where, prefix)
        return self._store

    def signer(self, app: Erlen) -> IdSigner:
        """The signer for the app's current keys, kept while they stay the same."""
        keys = (app.secret_key, *(app.config["SECRET_KEY_FALLBACKS"] or ()))
        if self._signing is None or self._signing[0] != keys:
            self._signing = (keys, IdSigner(keys))
        return self._signing[1]

    def ttl(self, app: Erlen, permanent: bool) -> int:
        """Seconds a session's key lives after it is written or renewed."""
        if permanent:
            lifetime: timedelta | int = app.permanent_session_lifetime
        else:
            lifetime = app.config.get(
                "SESSION_REDIS_NON_PERMANENT_TTL", DEFAULT_NON_PERMANENT_TTL
            )
        if isinstance(lifetime, timedelta):
            lifetime = int(lifetime.total_seconds())
        return max(1, int(lifetime))

    def open_session(self, app: Erlen, request: Request) -> RedisSession | None:
        if not app.secret_key:
            return None
        cookie = request.cookies.get(self.get_cookie_name(app))
        signed = self.signer(app).unsign(cookie) if cookie else None
        if signed is not None:
            data = self._load(app, signed)
            if data is not None:
                user_key = app.config.get("SESSION_REDIS_USER_KEY")
                user = data.get(user_key) if user_key else None
                return RedisSession(
                    signed.sid,
                    data,
                    user=None if user is None else str(user),
                    stale_key=signed.stale_key,
                )
        # Never the client's id: a fresh one, against session fixation.
        return RedisSession(new_id(), new=True)

    def _load(self, app: Erlen, signed: SignedId) -> dict[str, t.Any] | None:
        """The data stored for a genuine id; ``None`` when there is none to use."""
        store = self.store(app)
        renew = None
        if app.config["SESSION_REFRESH_EACH_REQUEST"]:
            renew = self.ttl(app, signed.permanent)
        try:
            text = store.read(signed.sid, renew)
        except redis.ResponseError as error:
            app.logger.warning(
                "Sessions: the key %s at %s is not session data (%s);"
                " starting a new session.",
                store.key(signed.sid),
                store.where,
                error,
            )
            return None
        except redis.RedisError as error:
            raise self._unavailable(app, "read a session", error) from error
        if text is None:
            return None  # expired, revoked, or never stored
        try:
            data = self.serializer.loads(text)
        except Exception:
            data = None
        if not isinstance(data, dict):
            app.logger.warning(
                "Sessions: the key %s at %s does not hold session data;"
                " starting a new session.",
                store.key(signed.sid),
                store.where,
            )
            return None
        return data

    def save_session(
        self, app: Erlen, session: SessionMixin, response: Response
    ) -> None:
        if session.accessed:
            response.vary.add("Cookie")
        try:
            self._save(app, t.cast(RedisSession, session), response)
        except redis.RedisError as error:
            _answer_with(response, self._unavailable(app, "save a session", error))

    def _save(self, app: Erlen, session: RedisSession, response: Response) -> None:
        name = self.get_cookie_name(app)
        if not session:
            # Emptied during the request: the key and the cookie go. A
            # session that was always empty never had either.
            if session.modified:
                if not session.new:
                    gone = [session.sid]
                    if session.replaced is not None:
                        gone.append(session.replaced)
                    self.store(app).delete(*gone)
                response.delete_cookie(name, **self.get_cookie_attributes(app))
            return
        permanent = session.permanent
        if session.modified:
            self.store(app).write(
                session.sid,
                self.serializer.dumps(dict(session)),
                self.ttl(app, permanent),
                replaced=session.replaced,
                user=self._user_to_index(app, session),
                user_ttl=max(self.ttl(app, True), self.ttl(app, False)),
            )
        elif not (self.should_set_cookie(app, session) or session.stale_key):
            # Read, not changed: nothing to store, and the cookie stands.
            return
        response.set_cookie(
            name,
            self.signer(app).sign(session.sid, permanent),
            expires=self.get_expiration_time(app, session),
            **self.get_cookie_attributes(app),
        )

    def _user_to_index(self, app: Erlen, session: RedisSession) -> str | None:
        """The user whose index must list this session now, if not listed yet."""
        user_key = app.config.get("SESSION_REDIS_USER_KEY")
        if not user_key:
            return None
        value = dict.get(session, user_key)
        if value is None or str(value) == session.indexed_user:
            return None
        return str(value)

    def _unavailable(
        self, app: Erlen, action: str, error: redis.RedisError
    ) -> StoreUnavailable:
        """Log what failed and where, and make the 503 that answers the request."""
        app.logger.error(
            "Sessions: could not %s: Redis at %s failed: %s",
            action,
            self.store(app).where,
            error,
        )
        return StoreUnavailable()


def _answer_with(response: Response, error: StoreUnavailable) -> None:
    """Turn ``response`` into the 503 page of ``error``.

    The response already exists when the session is saved, so it is
    rewritten in place: whatever the view answered, the session it
    changed was not stored, and the client must not take it for a success.
    """
    response.headers.clear()
    response.status_code = error.code
    response.content_type = "text/html; charset=utf-8"
    response.direct_passthrough = False
    response.set_data(error.get_body())
