"""Signed-cookie sessions for Erlen, compatible with Flask's.

Installing this distribution is enough: Erlen finds it through the
``erlen.sessions`` entry point. Import from here to customise it, such as
subclassing :class:`SecureCookieSessionInterface` or registering a tag on
:data:`session_json_serializer`.
"""

from .__about__ import __version__ as __version__
from .cookie import NoSecretKeySession as NoSecretKeySession
from .cookie import SecureCookieSession as SecureCookieSession
from .cookie import SecureCookieSessionInterface as SecureCookieSessionInterface
from .cookie import session_json_serializer as session_json_serializer
from .plugin import CookieSessionsPlugin as CookieSessionsPlugin
from .plugin import plugin as plugin
from .tag import JSONTag as JSONTag
from .tag import TaggedJSONSerializer as TaggedJSONSerializer
