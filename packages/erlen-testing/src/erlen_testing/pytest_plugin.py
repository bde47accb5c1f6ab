"""pytest fixtures for testing an Erlen application.

pytest loads this module through the ``pytest11`` entry point whenever
erlen-testing is installed. Define an ``app`` fixture returning the
application, and these fixtures use it:

- ``client``: ``app.test_client()``;
- ``runner``: ``app.test_cli_runner()`` (needs erlen-cli);
- ``app_ctx``: the app's context, pushed for the test;
- ``req_ctx``: a request context for ``/``, pushed for the test;
- ``live_server``: the app served on a free 127.0.0.1 port until the test
  ends (a :class:`~erlen_testing.live_server.LiveServer`).

A fixture of the same name in a ``conftest.py`` or test module replaces the
one here. This module imports nothing of Erlen until a fixture is used:
pytest loads it in every project where erlen-testing is installed.
"""

from __future__ import annotations

import typing as t

import pytest

if t.TYPE_CHECKING:
    from collections.abc import Iterator

    from erlen import Erlen
    from erlen_contexts import AppContext
    from erlen_contexts import RequestContext

    from .client import ErlenClient
    from .live_server import LiveServer

_FIXTURES = "client, runner, app_ctx, req_ctx and live_server"


@pytest.fixture
def app(request: pytest.FixtureRequest) -> Erlen:
    """Stands in for the project's own ``app`` fixture, to say it is missing."""
    pytest.fail(
        f"{request.node.nodeid} uses a fixture of erlen-testing ({_FIXTURES}),"
        " and those need an 'app' fixture returning your Erlen application,"
        " which this project does not define. Add one to conftest.py:\n\n"
        "    @pytest.fixture\n"
        "    def app():\n"
        "        app = create_app()\n"
        "        app.config.update(TESTING=True)\n"
        "        return app\n",
        pytrace=False,
    )


@pytest.fixture
def client(app: Erlen) -> ErlenClient:
    """A test client for ``app``, with its own cookies."""
    return app.test_client()  # type: ignore[no-any-return]


@pytest.fixture
def runner(app: Erlen) -> t.Any:
    """A runner that invokes ``app``'s CLI commands."""
    return app.test_cli_runner()


@pytest.fixture
def app_ctx(app: Erlen) -> Iterator[AppContext]:
    """``app``'s context, pushed for the test: ``current_app`` and ``g`` work."""
    with app.app_context() as ctx:
        yield ctx


@pytest.fixture
def req_ctx(app: Erlen) -> Iterator[RequestContext]:
    """A request context for ``GET /``, pushed for the test: ``request`` works."""
    with app.test_request_context() as ctx:
        yield ctx


@pytest.fixture
def live_server(app: Erlen) -> Iterator[LiveServer]:
    """``app`` served on a free port of 127.0.0.1, stopped when the test ends."""
    from .live_server import LiveServer

    with LiveServer(app) as server:
        yield server
