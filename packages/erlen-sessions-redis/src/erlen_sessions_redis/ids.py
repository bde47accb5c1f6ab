"""Session ids, and the signed cookie value that carries one.

The id is 192 random bits from :mod:`secrets`: unguessable on its own. It is
signed all the same, so that a forged, altered or truncated cookie is turned
away by an HMAC in this process instead of a lookup in Redis, and so that
changing ``SECRET_KEY`` ends every session, as it does with cookie sessions.

A cookie value is ``<id>.<lifetime>.<signature>``: *lifetime* is ``p`` for a
permanent session and ``b`` for a browser session, so that the TTL to renew
on a read is known before the data is fetched, and the read and the renewal
are one command (``GETEX``). The signature is URL-safe base64 of an
HMAC-SHA256 over ``<id>.<lifetime>``.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import typing as t
from base64 import urlsafe_b64encode

#: Random bytes per id: 192 bits, more than the 128 that make guessing hopeless.
ID_BYTES = 24

#: What :func:`new_id` produces: 32 characters of URL-safe base64.
_ID = re.compile(r"[A-Za-z0-9_-]{32}")

#: Separates these signatures from anything else signed with the app's key.
_SALT = b"erlen-sessions-redis id"


def new_id() -> str:
    """A fresh random session id."""
    return secrets.token_urlsafe(ID_BYTES)


class SignedId(t.NamedTuple):
    """What a genuine cookie value holds."""

    sid: str
    permanent: bool
    #: Whether a fallback key signed it: the cookie is re-signed with
    #: ``SECRET_KEY`` on this response, so the fallback can be retired.
    stale_key: bool


class IdSigner:
    """Signs cookie values with the newest key, and accepts every key given.

    :param keys: ``SECRET_KEY`` first, then ``SECRET_KEY_FALLBACKS``.
    """

    __slots__ = ("_macs",)

    def __init__(self, keys: t.Sequence[str | bytes]) -> None:
        # Keying an HMAC costs more than signing a short message with a copy.
        self._macs = [
            hmac.new(_derive(key), digestmod=hashlib.sha256) for key in keys
        ]

    def sign(self, sid: str, permanent: bool) -> str:
        """The cookie value for ``sid``."""
        message = f"{sid}.{'p' if permanent else 'b'}"
        return f"{message}.{_mac(self._macs[0], message)}"

    def unsign(self, cookie: str) -> SignedId | None:
        """The id in ``cookie``, or ``None`` unless one of the keys signed it."""
        message, _, signature = cookie.rpartition(".")
        sid, _, lifetime = message.partition(".")
        if lifetime not in ("p", "b") or _ID.fullmatch(sid) is None:
            return None
        for number, keyed in enumerate(self._macs):
            if hmac.compare_digest(signature, _mac(keyed, message)):
                return SignedId(sid, lifetime == "p", number > 0)
        return None


def _derive(key: str | bytes) -> bytes:
    """A signing key of its own for session ids, from the app's secret key."""
    raw = key.encode() if isinstance(key, str) else key
    return hmac.new(raw, _SALT, hashlib.sha256).digest()


def _mac(keyed: hmac.HMAC, message: str) -> str:
    mac = keyed.copy()
    mac.update(message.encode("ascii"))
    return urlsafe_b64encode(mac.digest()).rstrip(b"=").decode("ascii")
