"""The ``sessions`` slot: how a plugin loads and saves ``session``.

A sessions plugin is an object with one method, :meth:`SessionsPlugin.\
create_session_interface`, registered in the entry-point group
``erlen.sessions``. The interface it returns subclasses
:class:`SessionInterface`, whose cookie helpers read the ``SESSION_COOKIE_*``
settings, so a backend only writes :meth:`~SessionInterface.open_session`
and :meth:`~SessionInterface.save_session`.

The application loads the session on the first access to ``session`` in a
request, not before; a request that never touches it costs nothing.
"""

from __future__ import annotations

import typing as t
from collections.abc import MutableMapping
from datetime import datetime
from datetime import timezone

from .contracts import ContractVersion

if t.TYPE_CHECKING:
    from werkzeug.wrappers import Request
    from werkzeug.wrappers import Response

    from ..app import Erlen


class SessionMixin(MutableMapping[str, t.Any]):
    """The flags every session object carries, on top of a mapping.

    :attr:`modified` tells the interface the session must be saved;
    :attr:`accessed` that the response varies on the cookie.
    """

    #: Whether the session did not exist before this request.
    new = False
    #: Whether the session changed and must be saved. Changes to mutable
    #: values inside it are not seen: set this to ``True`` yourself then.
    modified = True
    #: Whether the session was read or written during this request.
    accessed = True

    @property
    def permanent(self) -> bool:
        """Whether the session outlives the browser, for ``PERMANENT_SESSION_LIFETIME``."""
        return bool(self.get("_permanent", False))

    @permanent.setter
    def permanent(self, value: bool) -> None:
        self["_permanent"] = bool(value)


class NullSession(dict[str, t.Any], SessionMixin):
    """A session that reads as empty and refuses every write.

    Used when sessions cannot work: no sessions plugin is installed, or the
    plugin cannot sign cookies. Reading works so that templates and
    extensions that only look at the session keep working.

    :class:`dict` comes first so that its methods, not the abstract ones of
    :class:`~collections.abc.MutableMapping`, serve every read.
    """

    #: Why writing is refused and how to fix it; plugins override it.
    unavailable_reason = (
        "The session is unavailable because no sessions plugin is installed."
        ' Install one with: pip install "erlen-core[sessions]"'
    )

    def _fail(self, *args: t.Any, **kwargs: t.Any) -> t.NoReturn:
        raise RuntimeError(self.unavailable_reason)

    __setitem__ = __delitem__ = __ior__ = _fail
    clear = pop = popitem = update = setdefault = _fail
    modified = False
    accessed = False


class SessionInterface:
    """The base of every session backend.

    Subclasses implement :meth:`open_session` and :meth:`save_session`. The
    other methods read the application's ``SESSION_COOKIE_*`` configuration,
    so all backends agree on how the cookie is set.
    """

    #: The class :meth:`make_null_session` instantiates.
    null_session_class: type[SessionMixin] = NullSession
    #: Whether the backend pickles sessions; informational, as in Flask.
    pickle_based = False

    def make_null_session(self, app: Erlen) -> SessionMixin:
        """Return the session used when the real one cannot be loaded."""
        return self.null_session_class()

    def is_null_session(self, obj: object) -> bool:
        """Whether ``obj`` is a null session, which is never saved."""
        return isinstance(obj, self.null_session_class)

    def get_cookie_name(self, app: Erlen) -> str:
        """``SESSION_COOKIE_NAME``."""
        return app.config["SESSION_COOKIE_NAME"]  # type: ignore[no-any-return]

    def get_cookie_domain(self, app: Erlen) -> str | None:
        """``SESSION_COOKIE_DOMAIN``: ``None`` sets a host-only cookie."""
        return app.config["SESSION_COOKIE_DOMAIN"] or None

    def get_cookie_path(self, app: Erlen) -> str:
        """``SESSION_COOKIE_PATH``, falling back to ``APPLICATION_ROOT``."""
        return app.config["SESSION_COOKIE_PATH"] or app.config["APPLICATION_ROOT"]  # type: ignore[no-any-return]

    def get_cookie_httponly(self, app: Erlen) -> bool:
        """``SESSION_COOKIE_HTTPONLY``."""
        return app.config["SESSION_COOKIE_HTTPONLY"]  # type: ignore[no-any-return]

    def get_cookie_secure(self, app: Erlen) -> bool:
        """``SESSION_COOKIE_SECURE``."""
        return app.config["SESSION_COOKIE_SECURE"]  # type: ignore[no-any-return]

    def get_cookie_samesite(self, app: Erlen) -> str | None:
        """``SESSION_COOKIE_SAMESITE``."""
        return app.config["SESSION_COOKIE_SAMESITE"]  # type: ignore[no-any-return]

    def get_cookie_partitioned(self, app: Erlen) -> bool:
        """``SESSION_COOKIE_PARTITIONED``."""
        return app.config["SESSION_COOKIE_PARTITIONED"]  # type: ignore[no-any-return]

    def get_cookie_attributes(self, app: Erlen) -> dict[str, t.Any]:
        """The ``SESSION_COOKIE_*`` attributes of the cookie, as keyword
        arguments of ``response.set_cookie`` and ``response.delete_cookie``
        (less ``expires``, which depends on the session)."""
        return {
            "domain": self.get_cookie_domain(app),
            "path": self.get_cookie_path(app),
            "secure": self.get_cookie_secure(app),
            "httponly": self.get_cookie_httponly(app),
            "samesite": self.get_cookie_samesite(app),
            "partitioned": self.get_cookie_partitioned(app),
        }

    def get_expiration_time(self, app: Erlen, session: SessionMixin) -> datetime | None:
        """When a permanent session's cookie expires; ``None`` for a browser session."""
        if session.permanent:
            return datetime.now(timezone.utc) + app.permanent_session_lifetime
        return None

    def should_set_cookie(self, app: Erlen, session: SessionMixin) -> bool:
        """Whether to send the cookie: when modified, or to refresh a permanent one."""
        return session.modified or (
            session.permanent and app.config["SESSION_REFRESH_EACH_REQUEST"]
        )

    def open_session(self, app: Erlen, request: Request) -> SessionMixin | None:
        """Load the session for ``request``; ``None`` means use a null session."""
        raise NotImplementedError

    def save_session(
        self, app: Erlen, session: SessionMixin, response: Response
    ) -> None:
        """Persist ``session`` and set the cookie on ``response`` as needed."""
        raise NotImplementedError

    def save_untouched_session(
        self, app: Erlen, request: Request, response: Response
    ) -> None:
        """Called instead of :meth:`save_session` when nothing used the session.

        Only for a request that carries a ``Cookie`` header: a backend can
        only refresh a session the client identified by cookie, and skipping
        the others spares every cookie-less request (and an app's first
        request) looking up the sessions plugin at all.

        The default does nothing. A backend that refreshes permanent sessions
        on every request (``SESSION_REFRESH_EACH_REQUEST``) does it here.
        """


class NullSessionInterface(SessionInterface):
    """The interface used when no sessions plugin is installed."""

    def open_session(self, app: Erlen, request: Request) -> None:
        return None

    def save_session(
        self, app: Erlen, session: SessionMixin, response: Response
    ) -> None:
        return None


#: The version of the sessions contract this core implements (see
#: :mod:`erlen.plugins.contracts`); a plugin states the one it was built for.
CONTRACT_VERSION: t.Final = ContractVersion(1, 0)


@t.runtime_checkable
class SessionsPlugin(t.Protocol):
    """What a sessions plugin implements.

    Register the object under ``[project.entry-points."erlen.sessions"]``.
    """

    #: The version of the contract the plugin implements, ``"MAJOR.MINOR"``.
    contract_version: str

    def create_session_interface(self, app: Erlen) -> SessionInterface:
        """Return the session interface ``app`` uses.

        Called once per application, on the first request that touches the
        session; the result is kept as ``app.session_interface``.
        """
        ...
