"""Erlen's request context, with Flask's private ``_session`` readable.

Erlen opens the session on first use; Flask opens it when the request
starts, and code written for Flask (its own tests among it) reads the
private ``RequestContext._session`` to learn whether a request touched the
session (``_session.accessed``). Here reading ``_session`` opens the
session then, through the public ``session`` property, which marks nothing
accessed. Erlen's own code asks ``session_loaded`` and keeps the lazy load:
a request that never touches the session still never decodes its cookie.
"""

from __future__ import annotations

import typing as t

from erlen_contexts import RequestContext

if t.TYPE_CHECKING:
    from collections.abc import MutableMapping


class FlaskRequestContext(RequestContext):
    """A :class:`~erlen_contexts.RequestContext` with Flask's ``_session``."""

    @property
    def _session(self) -> MutableMapping[str, t.Any]:
        """The session, opened now if nothing has opened it: Flask's view of it."""
        return self.session

    @_session.setter
    def _session(self, value: MutableMapping[str, t.Any]) -> None:
        self.session = value
