"""Server-side sessions in Redis for Erlen: one app on many processes and hosts.

Installing this distribution is enough: Erlen finds it through the
``erlen.sessions`` entry point ``redis``. Beside erlen-sessions, choose it
with ``Erlen(__name__, plugins={"sessions": "redis"})`` or the ``PLUGINS``
config key. Import from here to register a tag on
:data:`session_json_serializer`, to subclass the interface, or to revoke a
user's sessions.
"""

from .__about__ import __version__ as __version__
from .interface import RedisSessionInterface as RedisSessionInterface
from .interface import session_json_serializer as session_json_serializer
from .plugin import plugin as plugin
from .plugin import RedisSessionsPlugin as RedisSessionsPlugin
from .revoke import revoke_user_sessions as revoke_user_sessions
from .session import NoSecretKeySession as NoSecretKeySession
from .session import RedisSession as RedisSession
from .store import StoreUnavailable as StoreUnavailable
