"""``flask.sessions``: the slot's base classes and erlen-sessions' cookies."""

from __future__ import annotations

from erlen.plugins.sessions import NullSession as NullSession
from erlen.plugins.sessions import SessionInterface as SessionInterface
from erlen.plugins.sessions import SessionMixin as SessionMixin
from erlen_sessions import SecureCookieSession as SecureCookieSession
from erlen_sessions import SecureCookieSessionInterface as SecureCookieSessionInterface
from erlen_sessions import session_json_serializer as session_json_serializer
