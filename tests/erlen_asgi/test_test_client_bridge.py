"""ERLEN_TEST_INTERFACE=asgi: the sync client drives ``app.asgi``."""

from __future__ import annotations

import typing as t

import pytest

from erlen import Erlen
from erlen import request
from erlen import stream_with_context


@pytest.fixture
def asgi(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ERLEN_TEST_INTERFACE", "asgi")


@pytest.fixture
def app() -> Erlen:
    app = Erlen(__name__)
    app.config["TESTING"] = True
    app.config["EVENTS"] = []

    @app.route("/echo", methods=["GET", "POST"])
    async def echo() -> dict[str, t.Any]:
        await request.receive_body()
        return {
            "asgi": "asgi.scope" in request.environ,
            "body": request.get_data(as_text=True),
            "marker": request.environ.get("test.marker"),
            "remote": request.remote_addr,
        }

    @app.get("/stream")
    def stream() -> t.Any:
        @stream_with_context
        def parts() -> t.Iterator[str]:
            for part in ("a", "b", "c"):
                app.config["EVENTS"].append(part)
                yield part

        return parts()

    @app.get("/fail")
    def fail() -> str:
        raise LookupError("from the view")

    @app.teardown_request
    def torn(error: BaseException | None) -> None:
        app.config["EVENTS"].append("teardown")

    return app


@pytest.mark.usefixtures("asgi")
def test_requests_go_through_app_asgi_with_body_and_overrides(app: Erlen) -> None:
    client = app.test_client()
    response = client.post(
        "/echo", data="x" * 200_000, environ_overrides={"test.marker": "kept"}
    )
    assert response.json == {
        "asgi": True,
        "body": "x" * 200_000,
        "marker": "kept",
        "remote": "127.0.0.1",
    }
    assert app.config["EVENTS"] == ["teardown"]


@pytest.mark.usefixtures("asgi")
def test_a_stream_is_read_as_the_test_reads_it(app: Erlen) -> None:
    response = app.test_client().get("/stream")
    events = app.config["EVENTS"]
    # A server may compute a chunk ahead; the teardown waits for the reader.
    assert "teardown" not in events
    assert response.get_data(as_text=True) == "abc"
    assert events == ["a", "b", "c", "teardown"]


@pytest.mark.usefixtures("asgi")
def test_a_stream_dropped_unread_still_tears_down(app: Erlen) -> None:
    app.test_client().get("/stream").close()
    assert app.config["EVENTS"][-1] == "teardown"


@pytest.mark.usefixtures("asgi")
def test_errors_reach_the_test_as_under_wsgi(app: Erlen) -> None:
    with pytest.raises(LookupError, match="from the view"):
        app.test_client().get("/fail")


def test_an_unknown_interface_is_named(
    app: Erlen, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ERLEN_TEST_INTERFACE", "grpc")
    with pytest.raises(ValueError, match="'grpc' names no interface"):
        app.test_client()
