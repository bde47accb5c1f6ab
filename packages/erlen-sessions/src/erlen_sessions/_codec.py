"""How a session becomes a cookie value and back.

:class:`SerializerCodec` is the general path: itsdangerous' serializer
(``URLSafeTimedSerializer.dumps`` / ``loads``) writes and reads Flask's
cookie format. With the speedups on, the cookie interface uses
:class:`erlen_sessions.speedups.codec.FlaskCookieCodec` instead, which
writes and reads the same format in one pass.
"""

from __future__ import annotations

import typing as t

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


