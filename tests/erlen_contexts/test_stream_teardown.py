"""Teardown of a request whose body was wrapped with ``stream_with_context``.

Every path must tear the request down exactly once, when the request ends,
with the exception that ended it, and without the garbage collector's help:
the collector is off in every test here, so a teardown left to it would
never run.
"""

from __future__ import annotations

import gc
import io
import typing as t

import pytest

from erlen import Erlen
from erlen import Response
from erlen_contexts import has_app_context
from erlen_contexts import has_request_context
from erlen_contexts import request
from erlen_contexts import stream_with_context

if t.TYPE_CHECKING:
    from collections.abc import Iterable
    from collections.abc import Iterator


@pytest.fixture(autouse=True)
def _no_garbage_collector() -> Iterator[None]:
    # A held context released only by collecting its generator is the bug.
    was_enabled = gc.isenabled()
    gc.disable()
    yield
    if was_enabled:
        gc.enable()


class Recorder:
    """The teardown callbacks' calls, as ``(kind, repr(exc))``."""

    def __init__(self, app: Erlen) -> None:
        self.calls: list[tuple[str, str]] = []
        app.teardown_request(lambda exc: self.calls.append(("request", repr(exc))))
        app.teardown_appcontext(lambda exc: self.calls.append(("app", repr(exc))))

    def once_with(self, exc: str) -> list[tuple[str, str]]:
        return [("request", exc), ("app", exc)]


@pytest.fixture
def recorder(app: Erlen) -> Recorder:
    return Recorder(app)


def call(app: Erlen, path: str = "/") -> tuple[Iterable[bytes], list[str]]:
    """Call the WSGI app as a server does, without reading the body."""
    statuses: list[str] = []
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "SERVER_NAME": "localhost",
        "SERVER_PORT": "80",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": io.StringIO(),
    }
    body = app(environ, lambda status, headers, exc_info=None: statuses.append(status))
    return body, statuses


def close(body: Iterable[bytes]) -> None:
    """Close the body as a WSGI server does: only when it can be closed."""
    closer = getattr(body, "close", None)
    if closer is not None:
        closer()


def streamed(chunks: Iterable[str]) -> Response:
    return Response(stream_with_context(iter(chunks)))


def test_a_stream_dropped_by_a_failing_after_request_tears_down_at_once(
    app: Erlen, recorder: Recorder
) -> None:
    # The reproducer: Erlen used to wait for the collector, then
    # pass None.
    app.route("/")(lambda: streamed(["a"]))

    @app.after_request
    def fail(response: Response) -> Response:
        raise ValueError("after_request failed")

    body, statuses = call(app)
    assert statuses == ["500 INTERNAL SERVER ERROR"]
    assert recorder.calls == recorder.once_with("ValueError('after_request failed')")
    assert not has_request_context() and not has_app_context()
    b"".join(body)
    close(body)
    assert recorder.calls == recorder.once_with("ValueError('after_request failed')")


def test_the_dropped_stream_is_closed_without_being_sent(app: Erlen) -> None:
    events: list[str] = []

    def body() -> Iterator[str]:
        try:
            events.append("started")
            yield "never"
        finally:
            events.append("closed")

    app.route("/")(lambda: Response(stream_with_context(body())))
    app.after_request(lambda response: 1 / 0)
    app.teardown_request(lambda exc: events.append("teardown"))

    close(call(app)[0])
    assert events == ["teardown"]  # never started, so nothing to close


def test_a_failing_error_handler_tears_down_once_with_the_first_error(
    app: Erlen, recorder: Recorder
) -> None:
    app.route("/")(lambda: streamed(["a"]))

    @app.after_request
    def fail(response: Response) -> Response:
        raise ValueError("first")

    @app.errorhandler(500)
    def broken_handler(error: Exception) -> str:
        raise KeyError("second")

    with pytest.raises(KeyError):
        call(app)
    assert recorder.calls == recorder.once_with("ValueError('first')")
    assert not has_request_context() and not has_app_context()


def test_a_propagated_error_closes_the_stream_and_tears_down_once(
    app: Erlen, recorder: Recorder
) -> None:
    app.testing = True
    app.route("/")(lambda: streamed(["a"]))

    @app.after_request
    def fail(response: Response) -> Response:
        raise ValueError("propagated")

    with pytest.raises(ValueError, match="propagated"):
        call(app)
    assert recorder.calls == recorder.once_with("ValueError('propagated')")
    assert not has_request_context() and not has_app_context()


def test_a_streamed_error_page_tears_down_after_it_is_sent_with_the_error(
    app: Erlen, recorder: Recorder
) -> None:
    @app.route("/")
    def fail() -> str:
        raise ValueError("view failed")

    @app.errorhandler(500)
    def streamed_page(error: Exception) -> tuple[Response, int]:
        return streamed(["sorry ", request.path]), 500

    body, statuses = call(app)
    assert statuses == ["500 INTERNAL SERVER ERROR"]
    assert recorder.calls == []  # the page is still to be sent
    assert b"".join(body) == b"sorry /"
    close(body)
    assert recorder.calls == recorder.once_with("ValueError('view failed')")


def test_a_response_never_iterated_tears_down_when_closed(
    app: Erlen, recorder: Recorder
) -> None:
    app.route("/")(lambda: streamed(["a"]))
    body, _ = call(app)
    assert recorder.calls == []
    close(body)
    assert recorder.calls == recorder.once_with("None")
    assert not has_request_context() and not has_app_context()


def test_a_response_iterated_then_closed_tears_down_once(
    app: Erlen, recorder: Recorder
) -> None:
    app.route("/")(lambda: streamed(["a", "b"]))
    body, _ = call(app)
    assert b"".join(body) == b"ab"
    assert recorder.calls == recorder.once_with("None")
    close(body)
    assert recorder.calls == recorder.once_with("None")
    assert not has_request_context() and not has_app_context()


def test_a_response_closed_part_way_tears_down_with_generator_exit(
    app: Erlen, recorder: Recorder
) -> None:
    # The body was cut short: a teardown that commits only on success
    # must not take that for a complete request.
    app.route("/")(lambda: streamed(["a", "b", "c"]))
    body, _ = call(app)
    chunks = iter(body)
    assert next(chunks) == b"a"
    assert recorder.calls == []
    close(body)
    assert recorder.calls == recorder.once_with("GeneratorExit()")
    assert not has_request_context() and not has_app_context()


def test_a_stream_raising_mid_way_tears_down_with_its_exception(
    app: Erlen, recorder: Recorder
) -> None:
    def chunks() -> Iterator[str]:
        yield "a"
        raise OSError("disk gone")

    app.route("/")(lambda: Response(stream_with_context(chunks())))
    body, _ = call(app)
    iterator = iter(body)
    assert next(iterator) == b"a"
    with pytest.raises(OSError, match="disk gone"):
        next(iterator)
    close(body)
    assert recorder.calls == recorder.once_with("OSError('disk gone')")
    assert not has_request_context() and not has_app_context()


def test_a_stream_the_response_does_not_carry_is_released_on_close(
    app: Erlen, recorder: Recorder
) -> None:
    # An after_request hook swaps the streamed response for another one.
    app.route("/")(lambda: streamed(["a"]))
    app.after_request(lambda response: Response("replaced"))

    body, _ = call(app)
    assert b"".join(body) == b"replaced"
    close(body)
    assert recorder.calls == recorder.once_with("None")


def test_two_streams_tear_down_once_after_the_last(
    app: Erlen, recorder: Recorder
) -> None:
    @app.route("/")
    def two() -> Response:
        first = stream_with_context(iter(["a"]))
        second = stream_with_context(iter(["b"]))

        def both() -> Iterator[str]:
            yield from first
            yield from second

        return Response(both())

    body, _ = call(app)
    assert b"".join(body) == b"ab"
    close(body)
    assert recorder.calls == recorder.once_with("None")


def test_a_handled_error_with_a_streamed_answer_tears_down_with_none(
    app: Erlen, recorder: Recorder
) -> None:
    # A handled error is an answer, not an unhandled failure: as in Flask,
    # the teardown receives None.
    @app.route("/")
    def fail() -> str:
        raise LookupError("missing")

    app.errorhandler(LookupError)(lambda error: streamed(["not here"]))
    body, _ = call(app)
    assert b"".join(body) == b"not here"
    close(body)
    assert recorder.calls == recorder.once_with("None")
