"""Flask's session cookie format, read and written in one pass.

A session cookie is ``payload.timestamp.signature``, each part URL-safe
base64 without padding:

- *payload* is the tagged JSON of the session, zlib-compressed (and then
  prefixed with ``.``) when that makes it shorter by more than a byte;
- *timestamp* is the signing time in whole seconds, big-endian, without
  leading zero bytes;
- *signature* is the HMAC of ``payload.timestamp`` under a key derived from
  the secret key and the salt.

itsdangerous defines this format, and :class:`SerializerCodec` goes through
it. Its serializer is built from general parts (a signer, an algorithm, a
payload encoder, each converting its arguments to bytes again), and
produces a cookie in a dozen calls per step: about half of what a session
costs a request. :class:`FlaskCookieCodec` does the same steps in one
function each, with keys derived once by the same itsdangerous signer. It
accepts exactly the cookies itsdangerous accepts and writes the same bytes;
``tests/erlen_sessions/test_codec.py`` holds it to that.
"""

from __future__ import annotations

import hmac
import time
import typing as t
import zlib
from binascii import a2b_base64
from binascii import b2a_base64

if t.TYPE_CHECKING:
    from itsdangerous import URLSafeTimedSerializer


class SessionCodec(t.Protocol):
    """Turns session data into a cookie value and back."""

    def dumps(self, data: dict[str, t.Any]) -> str:
        """The signed cookie value for ``data``."""

    def loads(self, cookie: str, max_age: int) -> t.Any:
        """The data in ``cookie``, or ``None`` if it cannot be trusted or read."""


class SerializerCodec:
    """A codec that defers to an itsdangerous-style serializer.

    Used when a subclass of the interface supplies its own serializer, whose
    format only it knows.
    """

    __slots__ = ("serializer",)

    def __init__(self, serializer: URLSafeTimedSerializer) -> None:
        self.serializer = serializer

    def dumps(self, data: dict[str, t.Any]) -> str:
        return self.serializer.dumps(data)

    def loads(self, cookie: str, max_age: int) -> t.Any:
        from itsdangerous import BadData

        try:
            return self.serializer.loads(cookie, max_age=max_age)
        except BadData:
            # Tampered, truncated, expired, or not tagged JSON: itsdangerous
            # reports all of them as BadData, malformed payloads included.
            return None


class FlaskCookieCodec:
    """Flask's cookie format with the settings of an itsdangerous serializer.

    :param serializer: a URL-safe timed serializer whose signer uses an
        HMAC; its keys, salt, key derivation, digest and data serializer
        are the codec's.
    """

    __slots__ = ("_keys", "_digest", "_data_serializer", "_text")

    def __init__(self, serializer: URLSafeTimedSerializer) -> None:
        signer = serializer.make_signer()
        #: Derived keys, newest first: the order itsdangerous tries them in.
        self._keys = [signer.derive_key(key) for key in reversed(signer.secret_keys)]
        self._digest = signer.algorithm.digest_method  # type: ignore[attr-defined]
        # Its dumps gives text or bytes, as is_text_serializer says.
        self._data_serializer: t.Any = serializer.serializer
        self._text = serializer.is_text_serializer

    def dumps(self, data: dict[str, t.Any]) -> str:
        dumped = self._data_serializer.dumps(data)
        raw = dumped.encode() if isinstance(dumped, str) else dumped
        compressed = zlib.compress(raw)
        if len(compressed) < len(raw) - 1:
            payload = b"." + _encode(compressed)
        else:
            payload = _encode(raw)
        stamp = int(time.time())
        signed = payload + b"." + _encode(stamp.to_bytes(8, "big").lstrip(b"\0"))
        signature = _encode(hmac.digest(self._keys[0], signed, self._digest))
        return (signed + b"." + signature).decode("ascii")

    def loads(self, cookie: str, max_age: int) -> t.Any:
        signed, dot, signature = cookie.encode().rpartition(b".")
        if not dot or not self._verify(signed, signature):
            return None
        payload, dot, stamp = signed.rpartition(b".")
        if not dot:
            return None
        try:
            raw_stamp = _decode(stamp)
        except ValueError:
            return None
        if len(raw_stamp) > 8:
            return None
        age = int(time.time()) - int.from_bytes(raw_stamp, "big")
        if not 0 <= age <= max_age:
            return None
        try:
            if payload[:1] == b".":
                raw = zlib.decompress(_decode(payload[1:]))
            else:
                raw = _decode(payload)
            return self._data_serializer.loads(raw.decode() if self._text else raw)
        except Exception:
            # A broken payload under a valid signature: itsdangerous turns
            # any error while loading it into BadPayload, and so does this.
            return None

    def _verify(self, signed: bytes, signature: bytes) -> bool:
        try:
            expected = _decode(signature)
        except ValueError:
            return False
        digest = self._digest
        return any(
            hmac.compare_digest(expected, hmac.digest(key, signed, digest))
            for key in self._keys
        )


# URL-safe base64 without padding. The binascii functions are what
# base64.urlsafe_b64encode and urlsafe_b64decode call, minus their layers;
# decoding skips characters outside the alphabet, as theirs does.

_TO_URLSAFE = bytes.maketrans(b"+/", b"-_")
_FROM_URLSAFE = bytes.maketrans(b"-_", b"+/")


def _encode(data: bytes) -> bytes:
    return b2a_base64(data, newline=False).translate(_TO_URLSAFE).rstrip(b"=")


def _decode(text: bytes) -> bytes:
    """Decode URL-safe base64 with or without padding.

    :raise ValueError: (:exc:`binascii.Error`) the text is not base64.
    """
    return a2b_base64(text.translate(_FROM_URLSAFE) + b"=" * (-len(text) % 4))
