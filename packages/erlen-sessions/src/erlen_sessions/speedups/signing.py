"""itsdangerous' timed serializer, without redoing the same set-up per cookie.

Imported only when a cookie is signed or checked (it imports itsdangerous).

For every cookie, itsdangerous builds a new signer and derives the signing
key from the secret key with an HMAC, twice when it both reads and writes a
session. Signers hold nothing specific to one message, and a derived key
depends only on the secret key and the signer's settings, so both are kept.
The signatures, and so the cookies, are byte for byte the same.
"""

from __future__ import annotations

from itsdangerous import Signer
from itsdangerous import TimestampSigner
from itsdangerous import URLSafeTimedSerializer


class KeyCachingSigner(TimestampSigner):
    """A timestamp signer that derives each secret key's signing key once."""

    def derive_key(self, secret_key: str | bytes | None = None) -> bytes:
        derived: dict[str | bytes | None, bytes] = self.__dict__.setdefault(
            "_derived", {}
        )
        try:
            return derived[secret_key]
        except KeyError:
            key = derived[secret_key] = super().derive_key(secret_key)
            return key


class SessionSerializer(URLSafeTimedSerializer):
    """A URL-safe timed serializer that keeps one signer per salt."""

    default_signer = KeyCachingSigner

    def make_signer(self, salt: str | bytes | None = None) -> Signer:
        signers: dict[str | bytes | None, Signer] = self.__dict__.setdefault(
            "_signers", {}
        )
        try:
            return signers[salt]
        except KeyError:
            signer = signers[salt] = super().make_signer(salt)
            return signer
