"""``stream_with_context`` from an async view, which runs in another context."""

from __future__ import annotations

import typing as t

from werkzeug.test import Client

from erlen import Erlen
from erlen_contexts import g
from erlen_contexts import request
from erlen_contexts import stream_with_context

if t.TYPE_CHECKING:
    from collections.abc import Iterator


def make_app(events: list[str]) -> Erlen:
    app = Erlen("contexts_app")
    app.teardown_request(lambda exc: events.append("teardown_request"))
    app.teardown_appcontext(lambda exc: events.append("teardown_appcontext"))

    @app.route("/")
    async def index() -> Iterator[str]:
        g.word = "streamed"

        @stream_with_context
        def body() -> Iterator[str]:
            yield f"{g.word} from {request.path}"

        return body()

    return app


def test_an_async_view_streams_with_its_request_context() -> None:
    events: list[str] = []
    with Client(make_app(events)).get("/") as response:
        assert response.text == "streamed from /"
    assert events == ["teardown_request", "teardown_appcontext"]


def test_a_stream_closed_unread_still_tears_down_once() -> None:
    events: list[str] = []
    response = Client(make_app(events)).get("/", buffered=False)
    assert events == []  # the teardown waits for the body
    response.close()
    assert events == ["teardown_request", "teardown_appcontext"]
