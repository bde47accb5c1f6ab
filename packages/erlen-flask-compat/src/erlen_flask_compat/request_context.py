"""Erlen's request context, with Flask's private ``_session`` readable.

Erlen opens the session on first use; Flask opens it when the request
starts, and code written for Flask (its own tests among it) reads the
private ``RequestContext._session`` to learn whether a request touched the
session (``_session.accessed``). Here reading ``_session`` opens the session
then, which marks nothing accessed, while Erlen's own code, which asks
``session_loaded``, keeps the lazy load: a request that never touches the
session still never decodes its cookie.
"""

from __future__ import annotations

import typing as t

from erlen_contexts import RequestContext

if t.TYPE_CHECKING:
    from collections.abc import MutableMapping


class FlaskRequestContext(RequestContext):
    """A :class:`~erlen_contexts.RequestContext` whose ``_session`` is never ``None``.

    The base class keeps the session in ``_session``; this class keeps it in
    ``_loaded`` and so answers the three members that read it.
    """

    _loaded: MutableMapping[str, t.Any] | None

    @property
    def _session(self) -> MutableMapping[str, t.Any] | None:
        """The session, opened now if nothing has opened it: Flask's view of it."""
        return self.session

    @_session.setter
    def _session(self, value: MutableMapping[str, t.Any] | None) -> None:
        self._loaded = value

    @property
    def session(self) -> MutableMapping[str, t.Any]:
        """The session, loaded through the application on first access."""
        if self._loaded is None:
            self._loaded = self.app.open_request_session(self.request)
        return self._loaded

    @session.setter
    def session(self, value: MutableMapping[str, t.Any]) -> None:
        self._loaded = value

    @property
    def session_loaded(self) -> bool:
        """Whether anything has read ``session`` during this request."""
        return self._loaded is not None
