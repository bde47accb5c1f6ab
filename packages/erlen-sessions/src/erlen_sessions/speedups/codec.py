"""Speedup: Flask's session cookie format, read and written in one pass.

General path replaced: :class:`erlen_sessions._codec.SerializerCodec`, that
is itsdangerous' ``URLSafeTimedSerializer.dumps`` and ``loads``.

A session cookie is ``payload.timestamp.signature``, each part URL-safe
base64 without padding:

- *payload* is the tagged JSON of the session, zlib-compressed (and then
  prefixed with ``.``) when that makes it shorter by more than a byte
  (itsdangerous tries every payload; this codec only those of 64 bytes or
  more);
- *timestamp* is the signing time in whole seconds, big-endian, without
  leading zero bytes;
- *signature* is the HMAC of ``payload.timestamp`` under a key derived from
  the secret key and the salt.

itsdangerous defines this format, and :class:`SerializerCodec` goes through
it. Its serializer is built from general parts (a signer, an algorithm, a
payload encoder, each converting its arguments to bytes again), and
produces a cookie in a dozen calls per step: about half of what a session
costs a request. :class:`FlaskCookieCodec` does the same steps in one
function each, with keys derived once by the same itsdangerous signer, and
remembers the cookies it has verified. It accepts exactly the cookies
itsdangerous accepts, and writes the same bytes except that a payload under
64 bytes is never compressed; ``tests/erlen_sessions/test_codec.py`` holds it
to that.

Internals used: the ``digest_method`` of an itsdangerous signer's
algorithm, the signer's key derivation (``derive_key``, called once per
key), and itsdangerous' cookie format (payload, timestamp, signature,
zlib marker). Held to the general path by ``tests/erlen_sessions/test_codec.py``.
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


class FlaskCookieCodec:
    """Flask's cookie format with the settings of an itsdangerous serializer.

    :param serializer: a URL-safe timed serializer whose signer uses an
        HMAC; its keys, salt, key derivation, digest and data serializer
        are the codec's.
    """

    __slots__ = ("_macs", "_data_serializer", "_text", "_verified", "_stamp")

    def __init__(self, serializer: URLSafeTimedSerializer) -> None:
        signer = serializer.make_signer()
        digest = signer.algorithm.digest_method  # type: ignore[attr-defined]
        #: An HMAC keyed with each derived key, newest first (the order
        #: itsdangerous tries them in), copied for each message: keying one
        #: costs more than the message itself.
        self._macs = [
            hmac.new(signer.derive_key(key), digestmod=digest)
            for key in reversed(signer.secret_keys)
        ]
        # Its dumps gives text or bytes, as is_text_serializer says.
        self._data_serializer: t.Any = serializer.serializer
        self._text = serializer.is_text_serializer
        #: Cookies whose signature was checked, with what :meth:`_open` found
        #: in them. A browser sends the same cookie with every request until
        #: the session changes; the HMAC, base64 and zlib work is done once
        #: for it. Only the exact string hits, so only a cookie that this
        #: codec's keys signed; its age is still checked on every request,
        #: and the data is parsed anew each time, so no request sees
        #: another's changes. A codec belongs to one set of keys: changing
        #: the keys builds a new codec, with an empty cache.
        self._verified: dict[str, tuple[int, bytes]] = {}
        #: The last signing second and its encoded timestamp, which every
        #: cookie signed within that second shares.
        self._stamp: tuple[int, bytes] = (-1, b"")

    def dumps(self, data: dict[str, t.Any]) -> str:
        dumped = self._data_serializer.dumps(data)
        raw = dumped.encode() if isinstance(dumped, str) else dumped
        payload = None
        if len(raw) >= _MIN_COMPRESSED:
            compressed = zlib.compress(raw)
            if len(compressed) < len(raw) - 1:
                payload = b"." + _encode(compressed)
        if payload is None:
            payload = _encode(raw)
        signed = payload + b"." + self._encoded_stamp()
        signature = _encode(_sign(self._macs[0], signed))
        return (signed + b"." + signature).decode("ascii")

    def _encoded_stamp(self) -> bytes:
        """The current time as a cookie's timestamp part."""
        now = int(time.time())
        second, encoded = self._stamp
        if second != now:
            encoded = _encode(now.to_bytes(8, "big").lstrip(b"\0"))
            self._stamp = (now, encoded)
        return encoded

    def loads(self, cookie: str, max_age: int) -> t.Any:
        opened = self._verified.get(cookie)
        if opened is None:
            opened = self._open(cookie)
            if opened is None:
                return None
            if len(self._verified) >= _MAX_VERIFIED:
                self._verified.clear()
            self._verified[cookie] = opened
        stamp, raw = opened
        if not 0 <= int(time.time()) - stamp <= max_age:
            return None
        try:
            return self._data_serializer.loads(raw.decode() if self._text else raw)
        except Exception:
            # A broken payload under a valid signature: itsdangerous turns
            # any error while loading it into BadPayload, and so does this.
            return None

    def _open(self, cookie: str) -> tuple[int, bytes] | None:
        """The signing time and serialized data of a genuine cookie, else ``None``."""
        signed, dot, signature = cookie.encode().rpartition(b".")
        if not dot or not self._verify(signed, signature):
            return None
        payload, dot, stamp = signed.rpartition(b".")
        if not dot:
            return None
        try:
            raw_stamp = _decode(stamp)
            if payload[:1] == b".":
                raw = zlib.decompress(_decode(payload[1:]))
            else:
                raw = _decode(payload)
        except (ValueError, zlib.error):
            return None
        if len(raw_stamp) > 8:
            return None
        return int.from_bytes(raw_stamp, "big"), raw

    def _verify(self, signed: bytes, signature: bytes) -> bool:
        try:
            expected = _decode(signature)
        except ValueError:
            return False
        return any(
            hmac.compare_digest(expected, _sign(mac, signed)) for mac in self._macs
        )


def _sign(keyed: hmac.HMAC, message: bytes) -> bytes:
    """The HMAC of ``message`` under the key of ``keyed``, which stays unchanged."""
    mac = keyed.copy()
    mac.update(message)
    return mac.digest()


#: Shorter serialized sessions are sent uncompressed, where itsdangerous
#: tries zlib on every one. zlib allocates and clears about 256 KiB per call,
#: a fifth of the work of a whole session request, to save at most a few
#: bytes of a cookie this short. Flask reads either form.
_MIN_COMPRESSED = 64

#: How many verified cookies a codec remembers before it starts afresh.
_MAX_VERIFIED = 1024

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
