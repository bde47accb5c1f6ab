"""``flask.sessions``: the slot's base classes and erlen-sessions' cookies."""

# Flask's module holds these names, used or not: they are its namespace.
# ruff: noqa: F401

from __future__ import annotations

import collections.abc as c
import hashlib
import typing as t
from collections.abc import MutableMapping
from datetime import datetime
from datetime import timezone

from itsdangerous import BadSignature
from itsdangerous import URLSafeTimedSerializer
from werkzeug.datastructures import CallbackDict

from erlen.json.tag import TaggedJSONSerializer as TaggedJSONSerializer
from erlen.plugins.sessions import NullSession as NullSession
from erlen.plugins.sessions import SessionInterface as SessionInterface
from erlen.plugins.sessions import SessionMixin as SessionMixin
from erlen_sessions import SecureCookieSession as SecureCookieSession
from erlen_sessions import SecureCookieSessionInterface as SecureCookieSessionInterface
from erlen_sessions import session_json_serializer as session_json_serializer
