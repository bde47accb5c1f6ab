"""The test client behind ``app.test_client()``."""

from __future__ import annotations

import os
import typing as t
from contextlib import contextmanager
from contextlib import ExitStack
from copy import copy
from functools import cache
from urllib.parse import urlsplit

import werkzeug.test
from werkzeug.test import Client
from werkzeug.test import run_wsgi_app
from werkzeug.wrappers import Request as BaseRequest
from werkzeug.wsgi import get_current_url

from .bridge import AsgiAsWsgi
from .builder import EnvironBuilder

if t.TYPE_CHECKING:
    from collections.abc import Iterator
    from types import TracebackType

    from werkzeug.datastructures import Headers
    from werkzeug.test import TestResponse
    from werkzeug.wrappers import Response

    from erlen import Erlen
    from erlen.plugins.sessions import SessionInterface
    from erlen.plugins.sessions import SessionMixin

#: The environ key under which core hands a request's contexts to the client.
_PRESERVE_KEY = "werkzeug.debug.preserve_context"

#: Which interface of the app the client drives: ``wsgi`` (the default) or
#: ``asgi`` (``app.asgi``, through :class:`~erlen_testing.bridge.AsgiAsWsgi`),
#: so one test suite proves both.
INTERFACE_VARIABLE = "ERLEN_TEST_INTERFACE"


def _interface() -> str:
    interface = os.environ.get(INTERFACE_VARIABLE, "") or "wsgi"
    if interface not in ("wsgi", "asgi"):
        raise ValueError(
            f"{INTERFACE_VARIABLE}={interface!r} names no interface the test"
            " client drives; use 'wsgi' (the default) or 'asgi'."
        )
    return interface


@cache
def _werkzeug_version() -> str:
    # Imported here: importlib.metadata is slow to import (docs/packaging.md, trap 10).
    from importlib.metadata import version

    return version("werkzeug")


class ErlenClient(Client):
    """A Werkzeug test client that knows the Erlen application it calls.

    Compared with :class:`werkzeug.test.Client`, requests are built by
    :class:`~erlen_testing.builder.EnvironBuilder` (base URL from the app's
    config, ``json=`` through the app's JSON provider), ``response.json``
    reads with the app's JSON provider, and:

    - ``with client:`` keeps the contexts of the last request pushed until
      the block ends, so a test can look at ``request``, ``g`` and
      ``session`` after the response came back;
    - :meth:`session_transaction` edits the session between requests,
      through whichever session plugin the app uses.

    Create it with ``app.test_client()``.
    """

    application: Erlen

    def __init__(
        self,
        application: Erlen,
        response_wrapper: type[Response] | None = None,
        use_cookies: bool = True,
        allow_subdomain_redirects: bool = False,
    ) -> None:
        super().__init__(
            application, response_wrapper, use_cookies, allow_subdomain_redirects
        )
        #: Merged into every request's environ; change it to act as another
        #: client (``client.environ_base["REMOTE_ADDR"] = "10.0.0.1"``).
        self.environ_base: dict[str, t.Any] = {
            "REMOTE_ADDR": "127.0.0.1",
            "HTTP_USER_AGENT": f"Werkzeug/{_werkzeug_version()}",
        }
        #: Whether a ``with client:`` block is active.
        self.preserve_context = False
        self._handed_over: list[t.Any] = []
        self._context_stack = ExitStack()
        #: What the client calls with each request: the app itself, or
        #: ``app.asgi`` seen as a WSGI app when ``ERLEN_TEST_INTERFACE=asgi``.
        self.interface: t.Any = (
            AsgiAsWsgi(application.asgi) if _interface() == "asgi" else application
        )

    def run_wsgi_app(
        self, environ: dict[str, t.Any], buffered: bool = False
    ) -> tuple[t.Iterable[bytes], str, Headers]:
        """Call :attr:`interface` with ``environ``, with this client's cookies."""
        # Werkzeug's own method calls self.application; the cookie handling
        # around the call is its, through the same methods.
        self.add_cookies(environ)
        result = run_wsgi_app(self.interface, environ, buffered=buffered)
        self.keep_cookies(environ, result[2])
        return result

    # -- cookies ---------------------------------------------------------------

    def add_cookies(self, environ: dict[str, t.Any]) -> None:
        """Send with the request ``environ`` the stored cookies it matches.

        The ``Cookie`` header is replaced by them (or removed when none
        match), as a browser would send it; with ``use_cookies=False`` the
        environ is left as it is.
        """
        self._add_cookies_to_wsgi(environ)

    def keep_cookies(self, environ: dict[str, t.Any], headers: Headers) -> None:
        """Store or delete the cookies a response sets with its ``headers``.

        ``environ`` is the request's: a cookie without ``Domain`` or
        ``Path`` belongs to its host and path, as in a browser. Werkzeug's
        jar does the work, so expiry, deletion and matching are its.
        """
        url = urlsplit(get_current_url(environ))
        self._update_cookies_from_response(
            url.hostname or "localhost", url.path, headers.getlist("Set-Cookie")
        )

    # -- requests ------------------------------------------------------------

    def open(
        self,
        *args: t.Any,
        buffered: bool = False,
        follow_redirects: bool = False,
        **kwargs: t.Any,
    ) -> TestResponse:
        """Send a request and return the response.

        The arguments are those of :meth:`werkzeug.test.Client.open`: an
        :class:`~werkzeug.test.EnvironBuilder`, an environ dict, a request,
        or :class:`~erlen_testing.builder.EnvironBuilder`'s arguments.
        """
        request = self._build_request(args, kwargs)
        # A new request ends the contexts kept from the previous one.
        self._context_stack.close()
        response = super().open(
            request, buffered=buffered, follow_redirects=follow_redirects
        )
        # The provider offers loads() as the json module does, which is all
        # response.json needs.
        response.json_module = self.application.json  # type: ignore[assignment]
        self._keep_last_contexts()
        return response

    def _build_request(
        self, args: tuple[t.Any, ...], kwargs: dict[str, t.Any]
    ) -> BaseRequest:
        first = args[0] if args else None
        if isinstance(first, werkzeug.test.EnvironBuilder):
            # A copy, so the caller's builder can be reused; Werkzeug passes
            # one when it follows a redirect.
            builder = copy(first)
            builder.environ_base = self._environ_base(builder.environ_base)
            return builder.get_request()
        if isinstance(first, dict):
            builder = werkzeug.test.EnvironBuilder.from_environ(
                first, environ_base=self._environ_base(None)
            )
            return builder.get_request()
        if isinstance(first, BaseRequest):
            request = copy(first)
            request.environ = self._environ_base(request.environ)
            return request
        kwargs["environ_base"] = self._environ_base(kwargs.get("environ_base"))
        builder = EnvironBuilder(self.application, *args, **kwargs)
        try:
            return builder.get_request()
        finally:
            builder.close()

    def _environ_base(self, extra: t.Mapping[str, t.Any] | None) -> dict[str, t.Any]:
        """The client's environ defaults, overridden by ``extra``."""
        environ = {**self.environ_base, **(extra or {})}
        if self.preserve_context:
            environ[_PRESERVE_KEY] = self._handed_over.append
        return environ

    def _keep_last_contexts(self) -> None:
        """Push again the app and request contexts the last request used.

        Core hands over two contexts per request, app then request. When a
        redirect was followed, earlier requests handed over theirs too; only
        the last pair describes the response the test holds.
        """
        if not self._handed_over:
            return
        last = self._handed_over[-2:]
        self._handed_over.clear()
        for context in last:
            self._context_stack.enter_context(context)

    def __enter__(self) -> ErlenClient:
        if self.preserve_context:
            raise RuntimeError(
                "This client is already used in a 'with client:' block, and"
                " blocks of the same client cannot be nested: the inner block"
                " would end the contexts the outer one keeps. Use one block,"
                " or a second client from app.test_client()."
            )
        self.preserve_context = True
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc_value: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.preserve_context = False
        self._context_stack.close()

    # -- sessions --------------------------------------------------------------

    @contextmanager
    def session_transaction(
        self, *args: t.Any, **kwargs: t.Any
    ) -> Iterator[SessionMixin]:
        """Open the session the next request will see, to read or change it.

        The session is loaded from this client's cookies through
        ``app.session_interface``, whatever plugin provides it, and saved
        back into the cookies when the block ends without an error::

            with client.session_transaction() as session:
                session["user_id"] = 1

        The arguments are those of ``app.test_request_context()``; pass a
        path when the session cookie is limited to one.

        :raise TypeError: the client was made with ``use_cookies=False``.
        :raise RuntimeError: the app cannot open a session; the message
            says why (no sessions plugin, no ``SECRET_KEY``, ...).
        """
        if self._cookies is None:
            raise TypeError(
                "Cookies are disabled. session_transaction() needs the client's"
                " cookies, and this client was created with use_cookies=False:"
                " the session would have nowhere to be kept between requests."
                " Create the client with app.test_client(use_cookies=True)."
            )
        app = self.application
        interface = app.session_interface
        ctx = app.test_request_context(*args, **kwargs)
        # The request sees the cookies a browser would send, and the
        # response's Set-Cookie headers update the jar.
        self.add_cookies(ctx.request.environ)
        with ctx:
            session = interface.open_session(app, ctx.request)
        if session is None or interface.is_null_session(session):
            raise RuntimeError(_no_session_message(app, interface))

        yield session

        response = app.response_class()
        with ctx:
            interface.save_session(app, session, response)
        self.keep_cookies(ctx.request.environ, response.headers)


def _no_session_message(app: Erlen, interface: SessionInterface) -> str:
    """Explain why ``interface`` gave no session, with the reason it states."""
    reason = getattr(interface.make_null_session(app), "unavailable_reason", None)
    if reason is None:
        reason = (
            f"{type(interface).__qualname__} returned no session for the"
            " request. Check the configuration that session interface needs."
        )
    return (
        "session_transaction() could not open a session. Session backend did"
        f" not open a session: {reason}"
    )
