"""Sessions kept in a signed cookie, readable and writable by Flask apps too.

The whole session is serialized with tagged JSON, signed with the app's
``SECRET_KEY`` in itsdangerous' timed format, and sent back as one cookie.
The client can read the data but not change it. Every parameter of the
signature (salt, key derivation, digest, timestamp, compression) is Flask's,
so cookies pass between a Flask app and an Erlen app that share the key.
With the speedups on, :mod:`.speedups.codec` reads and writes the format
itself, in one pass.

itsdangerous is imported only when a cookie is actually signed or checked:
a request that brings no session cookie and stores nothing in the session
does not pay for it.
"""

from __future__ import annotations

import hashlib
import typing as t

from erlen.json.tag import TaggedJSONSerializer
from erlen.plugins.sessions import NullSession
from erlen.plugins.sessions import SessionInterface
from erlen.plugins.sessions import SessionMixin

from . import speedups
from ._codec import SerializerCodec

if t.TYPE_CHECKING:
    from collections.abc import Iterable
    from collections.abc import Iterator
    from collections.abc import Mapping

    from itsdangerous import URLSafeTimedSerializer
    from werkzeug.wrappers import Request
    from werkzeug.wrappers import Response

    from erlen import Erlen

    from ._codec import SessionCodec

#: The serializer the cookie interface uses; register extra tags on it.
session_json_serializer = TaggedJSONSerializer()


class SecureCookieSession(SessionMixin, dict[str, t.Any]):
    """The session of one request: a dict that notices how it is used.

    Reading it in any way, even ``"user" in session`` or ``len(session)``,
    sets :attr:`accessed`, so the response gets ``Vary: Cookie`` and caches
    keep one user's page from another. Changing it sets :attr:`modified`,
    so the cookie is sent again. Changes *inside* a mutable value (appending
    to a list stored in the session) are not seen: set ``modified`` then.
    """

    #: Set by the interface when the request brought no valid cookie.
    new = False
    modified = False
    accessed = False

    def __init__(
        self, initial: Mapping[str, t.Any] | Iterable[tuple[str, t.Any]] = ()
    ) -> None:
        dict.__init__(self, initial)

    def _read(self) -> None:
        self.accessed = True

    def _write(self) -> None:
        self.accessed = True
        self.modified = True

    # The mapping mixins come before dict in the method order, so every
    # method is spelled out to reach dict's fast implementation.

    def __getitem__(self, key: str) -> t.Any:
        self._read()
        return dict.__getitem__(self, key)

    def __contains__(self, key: object) -> bool:
        self._read()
        return dict.__contains__(self, key)

    def __iter__(self) -> Iterator[str]:
        self._read()
        return dict.__iter__(self)

    def __len__(self) -> int:
        self._read()
        return dict.__len__(self)

    def get(self, key: str, default: t.Any = None) -> t.Any:
        self._read()
        return dict.get(self, key, default)

    def keys(self) -> t.Any:
        self._read()
        return dict.keys(self)

    def values(self) -> t.Any:
        self._read()
        return dict.values(self)

    def items(self) -> t.Any:
        self._read()
        return dict.items(self)

    def copy(self) -> dict[str, t.Any]:
        self._read()
        return dict.copy(self)

    def __setitem__(self, key: str, value: t.Any) -> None:
        self._write()
        dict.__setitem__(self, key, value)

    def __delitem__(self, key: str) -> None:
        self._write()
        dict.__delitem__(self, key)

    def setdefault(self, key: str, default: t.Any = None) -> t.Any:
        if dict.__contains__(self, key):
            self._read()
        else:
            self._write()
        return dict.setdefault(self, key, default)

    def pop(self, key: str, *default: t.Any) -> t.Any:
        if dict.__contains__(self, key):
            self._write()
        else:
            self._read()
        return dict.pop(self, key, *default)

    def popitem(self) -> tuple[str, t.Any]:
        self._write()
        return dict.popitem(self)

    def clear(self) -> None:
        self._write()
        dict.clear(self)

    def update(self, *args: t.Any, **kwargs: t.Any) -> None:
        self._write()
        dict.update(self, *args, **kwargs)

    def __ior__(self, other: t.Any) -> SecureCookieSession:  # type: ignore[override,misc]
        self.update(other)
        return self


class NoSecretKeySession(NullSession):
    """The session of an app without ``SECRET_KEY``: empty, and read-only."""

    unavailable_reason = (
        "The session is unavailable because the application has no secret"
        " key, so it cannot be changed. Session data lives in a cookie signed"
        " with SECRET_KEY; without the key the cookie could not be signed,"
        " and anyone could forge it."
        " Set a long random SECRET_KEY in the app's configuration, for example"
        " app.config['SECRET_KEY'] = '<output of: python -c \"import secrets;"
        " print(secrets.token_hex())\">', or through the ERLEN_SECRET_KEY"
        " environment variable."
    )


class _Signing(t.NamedTuple):
    """How an interface signs cookies for one set of keys and settings."""

    #: The keys and settings these were built for.
    settings: tuple[t.Any, ...]
    serializer: URLSafeTimedSerializer
    codec: SessionCodec


class SecureCookieSessionInterface(SessionInterface):
    """Store the session in a cookie signed with the app's ``SECRET_KEY``.

    Keys in ``SECRET_KEY_FALLBACKS`` are accepted when reading, so keys can
    be rotated without logging everybody out; cookies are always signed
    with ``SECRET_KEY``. A cookie that is tampered with, truncated, older
    than ``PERMANENT_SESSION_LIFETIME`` or otherwise unreadable gives an
    empty session, never an error.
    """

    #: Separates session signatures from other signatures made with the key.
    salt = "cookie-session"
    #: The hash for the signature.
    digest_method = staticmethod(hashlib.sha1)
    #: How itsdangerous derives the signing key from the secret key.
    key_derivation = "hmac"
    #: Turns the session into text and back.
    serializer = session_json_serializer
    #: The class of the sessions :meth:`open_session` returns.
    session_class: type[SecureCookieSession] = SecureCookieSession
    null_session_class = NoSecretKeySession

    _signing: _Signing | None = None

    def get_signing_serializer(self, app: Erlen) -> URLSafeTimedSerializer | None:
        """The signer for the app's keys, or ``None`` when it has no ``SECRET_KEY``.

        Cookies are read and written in the format this serializer defines,
        so anything that needs to sign a session cookie by hand can use it.
        Override it to sign cookies another way.
        """
        signing = self._signing_for(app)
        return None if signing is None else signing.serializer

    def _signing_for(self, app: Erlen) -> _Signing | None:
        """The serializer and codec for the app's keys and this interface's settings.

        Both are kept while the keys and settings stay the same: building
        them costs more than using them (itsdangerous test-dumps a value to
        learn what the serializer returns, and derives each key by HMAC).
        """
        secret_key = app.secret_key
        if not secret_key:
            return None
        # itsdangerous signs with the last key and accepts any of them.
        keys = (*(app.config["SECRET_KEY_FALLBACKS"] or ()), secret_key)
        settings = (
            keys,
            self.salt,
            self.serializer,
            self.key_derivation,
            self.digest_method,
        )
        cached = self._signing
        if cached is not None and cached.settings == settings:
            return cached
        options: dict[str, t.Any] = {
            "salt": self.salt,
            "serializer": self.serializer,
            "signer_kwargs": {
                "key_derivation": self.key_derivation,
                "digest_method": self.digest_method,
            },
        }
        codec: SessionCodec
        if speedups.ENABLED:
            from .speedups.codec import FlaskCookieCodec
            from .speedups.signing import SessionSerializer

            serializer: URLSafeTimedSerializer = SessionSerializer(list(keys), **options)
            codec = FlaskCookieCodec(serializer)
        else:
            from itsdangerous import URLSafeTimedSerializer

            serializer = URLSafeTimedSerializer(list(keys), **options)
            codec = SerializerCodec(serializer)
        self._signing = _Signing(settings, serializer, codec)
        return self._signing

    def _codec(self, app: Erlen) -> SessionCodec:
        """How this interface turns sessions into cookies for ``app``.

        Only reached with a session to load or save, which implies a key;
        the key can still vanish if the config changes mid-request.
        """
        signs_with = type(self).get_signing_serializer
        if signs_with is not SecureCookieSessionInterface.get_signing_serializer:
            # A subclass signs its own way: go through its serializer.
            serializer = self.get_signing_serializer(app)
            if serializer is None:
                raise RuntimeError(NoSecretKeySession.unavailable_reason)
            return SerializerCodec(serializer)
        signing = self._signing_for(app)
        if signing is None:
            raise RuntimeError(NoSecretKeySession.unavailable_reason)
        return signing.codec

    def open_session(self, app: Erlen, request: Request) -> SecureCookieSession | None:
        if not app.secret_key:
            return None
        cookie = request.cookies.get(self.get_cookie_name(app))
        data = self._load(app, cookie) if cookie else None
        if data is not None:
            return self.session_class(data)
        session = self.session_class()
        session.new = True
        return session

    def _load(self, app: Erlen, cookie: str) -> dict[str, t.Any] | None:
        """The data in ``cookie``, or ``None`` if it cannot be trusted or read."""
        max_age = int(app.permanent_session_lifetime.total_seconds())
        data = self._codec(app).loads(cookie, max_age)
        return data if isinstance(data, dict) else None

    def save_session(
        self, app: Erlen, session: SessionMixin, response: Response
    ) -> None:
        # Decided before anything below reads the session and marks it.
        varies = session.accessed
        if varies:
            _vary_on_cookie(response)
        name = self.get_cookie_name(app)
        data = dict(session)
        if not data:
            # A session emptied during the request loses its cookie; one
            # that was always empty never had one.
            if session.modified:
                response.delete_cookie(name, **self.get_cookie_attributes(app))
                if not varies:
                    _vary_on_cookie(response)
            return
        if not self.should_set_cookie(app, session):
            return
        response.set_cookie(
            name,
            self._codec(app).dumps(data),
            expires=self.get_expiration_time(app, session),
            **self.get_cookie_attributes(app),
        )
        # Each read of response.vary parses the header again; add it once.
        if not varies:
            _vary_on_cookie(response)

    def save_untouched_session(
        self, app: Erlen, request: Request, response: Response
    ) -> None:
        """Refresh a permanent session's cookie even though nothing used it.

        Only a request that brings this app's session cookie, with
        ``SESSION_REFRESH_EACH_REQUEST`` on, decodes it here.
        """
        if not app.config["SESSION_REFRESH_EACH_REQUEST"]:
            return
        # Core calls this only for a request with a Cookie header.
        if not request.cookies.get(self.get_cookie_name(app)):
            return
        session = self.open_session(app, request)
        if session is not None and not session.new and session.permanent:
            self.save_session(app, session, response)


def _vary_on_cookie(response: Response) -> None:
    """Add ``Cookie`` to the response's ``Vary`` header."""
    for key, _ in response.headers:
        if key.lower() == "vary":
            response.vary.add("Cookie")
            return
    # Usually there is no Vary header yet: adding one directly spares
    # parsing an absent header into a set that then writes it back.
    response.headers.add("Vary", "Cookie")
