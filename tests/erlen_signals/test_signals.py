"""The lifecycle signals reach receivers with Flask's senders and arguments."""

from __future__ import annotations

import asyncio

import pytest
from werkzeug.test import Client

import erlen
import erlen_signals
from erlen import Erlen
from erlen.plugins.signals import hub
from erlen.plugins.signals import SIGNAL_NAMES


@pytest.fixture
def app() -> Erlen:
    app = Erlen(__name__)

    @app.get("/")
    def index() -> str:
        return "hello"

    @app.get("/fail")
    def fail() -> str:
        raise ZeroDivisionError("no")

    return app


@pytest.fixture
def record():
    """Connect a receiver to a signal for one test; return what it saw."""
    connected = []

    def connect(signal):
        seen: list[tuple[object, dict[str, object]]] = []

        def receiver(sender: object, **kwargs: object) -> None:
            seen.append((sender, kwargs))

        signal.connect(receiver)
        connected.append((signal, receiver))
        return seen

    yield connect
    for signal, receiver in connected:
        signal.disconnect(receiver)


def test_facade_and_module_give_the_same_signals() -> None:
    for name in SIGNAL_NAMES:
        assert getattr(erlen, name) is getattr(erlen_signals, name)
        assert getattr(hub, name) is getattr(erlen_signals, name)


def test_request_started_and_finished(app: Erlen, record) -> None:
    started = record(erlen_signals.request_started)
    finished = record(erlen_signals.request_finished)

    response = Client(app).get("/")

    assert response.status_code == 200
    assert started == [(app, {})]
    [(sender, kwargs)] = finished
    assert sender is app
    assert kwargs["response"].get_data() == b"hello"


def test_teardown_signals_carry_the_exception(app: Erlen, record) -> None:
    tearing_down = record(erlen_signals.request_tearing_down)
    app_tearing_down = record(erlen_signals.appcontext_tearing_down)

    Client(app).get("/")

    assert tearing_down == [(app, {"exc": None})]
    assert app_tearing_down == [(app, {"exc": None})]


def test_got_request_exception(app: Erlen, record) -> None:
    seen = record(erlen_signals.got_request_exception)

    response = Client(app).get("/fail")

    assert response.status_code == 500
    [(sender, kwargs)] = seen
    assert sender is app
    assert isinstance(kwargs["exception"], ZeroDivisionError)


def test_appcontext_pushed_and_popped(app: Erlen, record) -> None:
    pushed = record(erlen_signals.appcontext_pushed)
    popped = record(erlen_signals.appcontext_popped)

    with app.app_context():
        assert pushed == [(app, {})]
        assert popped == []
    assert popped == [(app, {})]


def test_async_receivers_run(app: Erlen) -> None:
    seen: list[object] = []

    async def receiver(sender: object, **kwargs: object) -> None:
        await asyncio.sleep(0)
        seen.append(sender)

    erlen_signals.request_started.connect(receiver)
    try:
        Client(app).get("/")
    finally:
        erlen_signals.request_started.disconnect(receiver)
    assert seen == [app]


def test_namespace_for_extension_signals() -> None:
    namespace = erlen_signals.Namespace()
    signal = namespace.signal("thing-done")
    seen: list[object] = []

    def receiver(sender: object, **kwargs: object) -> None:
        seen.append((sender, kwargs))

    signal.connect(receiver)

    signal.send("ext", value=1)

    assert seen == [("ext", {"value": 1})]


def test_plugin_refuses_unknown_signal_names() -> None:
    with pytest.raises(LookupError, match="request_started"):
        erlen_signals.plugin.signal("request_begun")
