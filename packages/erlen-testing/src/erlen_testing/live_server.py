"""Serving the app over a real socket for the length of a test."""

from __future__ import annotations

import threading
import typing as t

from werkzeug.serving import make_server

from erlen import url_for

if t.TYPE_CHECKING:
    from types import TracebackType

    from erlen import Erlen

#: How often, in seconds, the serving thread checks whether to stop; it
#: bounds how long :meth:`LiveServer.stop` waits.
_POLL_INTERVAL = 0.05


class LiveServer:
    """The app served by Werkzeug's server on a free port of 127.0.0.1.

    For tests that need a real HTTP client: a browser driver, ``urllib``,
    another process. Requests are handled in threads, as the development
    server does. Use it as a context manager, or call :meth:`start` and
    :meth:`stop`::

        with LiveServer(app) as server:
            urlopen(server.url_for("index"))

    :param app: the application to serve.
    """

    def __init__(self, app: Erlen) -> None:
        self.app = app
        # Port 0 lets the operating system pick a free port, so parallel
        # test runs never collide.
        self._server = make_server("127.0.0.1", 0, app, threaded=True)
        #: The port the server listens on.
        self.port: int = self._server.port
        #: The server's root URL, without a trailing slash.
        self.url = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": _POLL_INTERVAL},
            name=f"erlen-live-server-{self.port}",
            daemon=True,
        )

    def start(self) -> None:
        """Start answering requests in a background thread."""
        self._thread.start()

    def stop(self) -> None:
        """Stop answering, wait for the thread, and close the socket."""
        if self._thread.is_alive():
            self._server.shutdown()
            self._thread.join()
        self._server.server_close()

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
        return f"<{type(self).__name__} {self.url} of {self.app.name!r}>"
