"""Shared fixtures for the erlen-sessions tests."""

from __future__ import annotations

import typing as t

import itsdangerous.timed
import pytest

import erlen_sessions.speedups.codec
from erlen import Erlen

SECRET_KEY = "a test key that is long enough"


class FrozenClock:
    """The signing clock, stopped at :attr:`now` (seconds since the epoch).

    Only the signing timestamp is frozen; everything else keeps real time.
    """

    def __init__(self, now: int) -> None:
        self.now = now

    def time(self) -> float:
        return float(self.now)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> FrozenClock:
    """Freeze the time cookies are signed and checked with.

    Both clocks stop: the one the interface's own codec reads, and
    itsdangerous's, which ``get_signing_serializer`` and Flask's cookie
    generator use.
    """
    frozen = FrozenClock(1_767_225_600)
    monkeypatch.setattr(itsdangerous.timed, "time", frozen)
    monkeypatch.setattr(erlen_sessions.speedups.codec, "time", frozen)
    return frozen


@pytest.fixture
def make_app() -> t.Callable[..., Erlen]:
    """Build an app using the cookie sessions plugin, with ``SECRET_KEY`` set."""

    def make(**config: t.Any) -> Erlen:
        app = Erlen(__name__, plugins={"sessions": "cookie"})
        app.config.update({"SECRET_KEY": SECRET_KEY, **config})
        return app

    return make
