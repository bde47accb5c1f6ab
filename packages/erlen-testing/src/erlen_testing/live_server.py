"""Serving the app over a real socket for the length of a test."""

from __future__ import annotations

import socket
import threading
import time
import typing as t

from werkzeug.serving import make_server

from erlen import url_for

if t.TYPE_CHECKING:
    from types import TracebackType

    from erlen import Erlen

#: How often, in seconds, the serving thread checks whether to stop; it
#: bounds how long :meth:`LiveServer.stop` waits.
_POLL_INTERVAL = 0.05
#: How long, in seconds, :meth:`LiveServer.start` waits for uvicorn to finish
#: the app's start-up (its ``before_serving`` hooks) before giving up.
_STARTUP_TIMEOUT = 10.0

Interface = t.Literal["wsgi", "asgi"]


class LiveServer:
    """The app served on a free port of 127.0.0.1, through WSGI or ASGI.

    For tests that need a real HTTP client: a browser driver, ``urllib``,
    another process. Use it as a context manager, or call :meth:`start` and
    :meth:`stop`::

        with LiveServer(app) as server:
            urlopen(server.url_for("index"))

    With ``interface="wsgi"`` (the default) Werkzeug's server calls the app,
    each request in a thread, as the development server does. With
    ``interface="asgi"`` uvicorn serves ``app.asgi`` on one event loop, with
    the app's lifespan (``before_serving`` and ``after_serving``) around it,
    as in production; that needs uvicorn and erlen-asgi installed. Running
    one test through both shows the app behaves alike on either.

    :param app: the application to serve.
    :param interface: ``"wsgi"`` or ``"asgi"``.
    """

    def __init__(self, app: Erlen, interface: Interface = "wsgi") -> None:
        self.app = app
        self.interface = interface
        # Port 0 lets the operating system pick a free port, so parallel
        # test runs never collide.
        self._backend: _Backend = (
            _UvicornBackend(app) if interface == "asgi" else _WerkzeugBackend(app)
        )
        #: The port the server listens on.
        self.port: int = self._backend.port
        #: The server's root URL, without a trailing slash.
        self.url = f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        """Start answering requests in a background thread."""
        self._backend.start()

    def stop(self) -> None:
        """Stop answering, wait for the thread, and close the socket."""
        self._backend.stop()

    def url_for(self, endpoint: str, **values: t.Any) -> str:
        """The full URL of ``endpoint`` on this server.

        The arguments are those of ``url_for``; the URL is built for a
        request to this server, whatever ``SERVER_NAME`` says.
        """
        with self.app.test_request_context(base_url=self.url):
            return self.url + url_for(endpoint, **values)

    def __enter__(self) -> LiveServer:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc_value: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.url} of {self.app.name!r} ({self.interface})>"


class _Backend(t.Protocol):
    """A server listening from construction, serving between start and stop."""

    port: int

    def start(self) -> None: ...

    def stop(self) -> None: ...


class _WerkzeugBackend:
    """Werkzeug's threaded WSGI server."""

    def __init__(self, app: Erlen) -> None:
        self._server = make_server("127.0.0.1", 0, app, threaded=True)
        self.port: int = self._server.port
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": _POLL_INTERVAL},
            name=f"erlen-live-server-{self.port}",
            daemon=True,
        )

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        if self._thread.is_alive():
            self._server.shutdown()
            self._thread.join()
        self._server.server_close()


class _UvicornBackend:
    """uvicorn serving ``app.asgi`` on its own event loop, in a thread.

    The socket is bound here, before uvicorn starts, so the port is known at
    once and no other process can take it in between.
    """

    def __init__(self, app: Erlen) -> None:
        try:
            import uvicorn
        except ImportError:
            raise RuntimeError(
                "LiveServer(app, interface='asgi') serves through uvicorn, which"
                " is not installed. Install it with `pip install uvicorn`, or"
                ' `pip install "erlen-testing[asgi]"` for erlen-asgi too.'
            ) from None
        asgi_app = app.asgi  # Raises, naming the install, without erlen-asgi.
        self._socket = socket.socket()
        self._socket.bind(("127.0.0.1", 0))
        self.port = int(self._socket.getsockname()[1])
        config = uvicorn.Config(asgi_app, log_level="warning", lifespan="on")
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(
            target=self._serve, name=f"erlen-live-server-{self.port}", daemon=True
        )

    def _serve(self) -> None:
        try:
            self._server.run(sockets=[self._socket])
        except SystemExit:
            # uvicorn exits when the app's start-up fails, after logging why;
            # start() reports it to the test.
            pass

    def start(self) -> None:
        self._thread.start()
        # Answering before the app's start-up hooks have run would show a
        # test a state no deployed app is ever in.
        deadline = time.monotonic() + _STARTUP_TIMEOUT
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(
                    f"uvicorn did not start serving port {self.port} within"
                    f" {_STARTUP_TIMEOUT:g} seconds; its log above says why."
                )
            time.sleep(_POLL_INTERVAL)

    def stop(self) -> None:
        if self._thread.is_alive():
            self._server.should_exit = True
            self._thread.join()
        self._socket.close()
