"""Where erlen-sessions stands in for itsdangerous' general path, for speed.

- :mod:`.codec`: Flask's cookie format written and read in one pass, with
  the cookies it has verified remembered (general path:
  ``URLSafeTimedSerializer.dumps`` / ``loads`` through
  :class:`erlen_sessions._codec.SerializerCodec`);
- :mod:`.signing`: a serializer that keeps one signer per salt and derives
  each key once (general path: itsdangerous' ``URLSafeTimedSerializer``).

Both are switched off with every other speedup by ``ERLEN_NO_SPEEDUPS=1``
(:mod:`erlen_contexts.speedups`); neither module is then imported.
"""

from __future__ import annotations

from erlen_contexts.speedups import ENABLED as ENABLED
