"""Shared fixtures: a real Erlen app, a Werkzeug test client, and a guard
that fails any test leaving a context pushed behind it."""

from __future__ import annotations

import typing as t

import pytest
from werkzeug.test import Client

from erlen import Erlen
from erlen.plugins.sessions import SessionInterface
from erlen.plugins.sessions import SessionMixin
from erlen_contexts import has_app_context
from erlen_contexts import has_request_context

if t.TYPE_CHECKING:
    from collections.abc import Iterator

    from werkzeug.wrappers import Request
    from werkzeug.wrappers import Response


class DictSession(dict[str, t.Any], SessionMixin):  # type: ignore[misc]
    """A plain in-memory session, so tests can write to ``session``."""


class MemorySessionInterface(SessionInterface):
    """A working session backend kept in memory, counting every load.

    ``opened`` lets a test see whether a request paid for loading the
    session at all, which is what the lazy session promises.
    """

    def __init__(self) -> None:
        self.opened = 0
        self.saved: list[dict[str, t.Any]] = []

    def open_session(self, app: Erlen, request: Request) -> DictSession:
        self.opened += 1
        return DictSession()

    def save_session(self, app: Erlen, session: SessionMixin, response: Response) -> None:
        self.saved.append(dict(session))


@pytest.fixture(autouse=True)
def _no_context_leaks() -> Iterator[None]:
    # A context left pushed would make every later test in this thread
    # see a stale app or request, so each test must start and end clean.
    assert not has_app_context() and not has_request_context()
    yield
    assert not has_app_context(), "the test left an application context pushed"
    assert not has_request_context(), "the test left a request context pushed"


@pytest.fixture
def app() -> Erlen:
    return Erlen("contexts_app")


@pytest.fixture
def client(app: Erlen) -> Client:
    return Client(app)


@pytest.fixture
def sessions(app: Erlen) -> MemorySessionInterface:
    interface = MemorySessionInterface()
    app.session_interface = interface
    return interface
