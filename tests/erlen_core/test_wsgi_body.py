"""What the WSGI callable returns can be closed, on the short path and the general one."""

from __future__ import annotations

import gc
import io
import typing as t

import pytest

import erlen


def environ(path: str, method: str = "GET") -> dict[str, t.Any]:
    return {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "SERVER_NAME": "localhost",
        "SERVER_PORT": "80",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": io.StringIO(),
    }


@pytest.mark.parametrize("method", ["GET", "HEAD"])
@pytest.mark.parametrize(
    ("path", "sent"),
    [("/plain", b"hello"), ("/streamed", b"ab"), ("/missing", b"<!doctype html>")],
)
def test_every_body_can_be_closed(path: str, sent: bytes, method: str) -> None:
    # Middleware and scripts call close() without asking; Werkzeug's general
    # path always answers with a closing iterator, so the short path must too.
    app = erlen.Erlen(__name__)
    app.add_url_rule("/plain", "plain", lambda: "hello")
    app.add_url_rule("/streamed", "streamed", lambda: iter(["a", "b"]))

    body = app(environ(path, method), lambda *args: None)
    chunks = b"".join(body)
    body.close()  # type: ignore[attr-defined]
    if method == "HEAD":
        assert chunks == b""
    else:
        assert chunks.startswith(sent)


def test_a_response_discarded_by_a_failing_hook_tears_down_at_once() -> None:
    # The report this guards against: a streamed response an after_request
    # hook replaced by a 500 kept its contexts until the garbage collector
    # ran, and the teardown then saw no exception.
    app = erlen.Erlen(__name__)
    log: list[str] = []

    @app.after_request
    def after(response: erlen.Response) -> erlen.Response:
        raise ValueError("after_request failed")

    @app.teardown_request
    def teardown(exc: BaseException | None) -> None:
        log.append(repr(exc))

    @app.route("/s")
    def streamed() -> erlen.Response:
        return erlen.Response(erlen.stream_with_context(iter(["a"])))

    gc.disable()
    try:
        body = app(environ("/s"), lambda *args: None)
        b"".join(body)
        body.close()  # type: ignore[attr-defined]
        assert log == ["ValueError('after_request failed')"]
        gc.collect()
        assert log == ["ValueError('after_request failed')"]
    finally:
        gc.enable()
