"""The ``g`` helpers and the context helpers used inside requests."""

from __future__ import annotations

import asyncio
import threading
import typing as t

import pytest
from werkzeug.test import Client

from erlen import Erlen
from erlen import Response
from erlen_contexts import after_this_request
from erlen_contexts import copy_current_request_context
from erlen_contexts import g
from erlen_contexts import has_app_context
from erlen_contexts import has_request_context
from erlen_contexts import request
from erlen_contexts import session
from erlen_contexts import stream_with_context

if t.TYPE_CHECKING:
    from collections.abc import Iterator

    from .conftest import MemorySessionInterface


# -- g ----------------------------------------------------------------------------------


def test_g_missing_attribute_says_how_to_read_it_safely(app: Erlen) -> None:
    with app.app_context():
        g.user = "ada"
        del g.user
        with pytest.raises(AttributeError, match=r"g\.get\(name\)"):
            g.user  # noqa: B018
        with pytest.raises(AttributeError):
            del g.user


def test_g_get_returns_the_value_or_a_default(app: Erlen) -> None:
    with app.app_context():
        g.user = "ada"
        assert g.get("user") == "ada"
        assert g.get("missing") is None
        assert g.get("missing", "fallback") == "fallback"


def test_g_pop_removes_and_returns_the_value(app: Erlen) -> None:
    with app.app_context():
        g.token = "abc"
        assert g.pop("token") == "abc"
        assert "token" not in g
        assert g.pop("token", "gone") == "gone"
        with pytest.raises(KeyError):
            g.pop("token")


def test_g_setdefault_sets_only_when_missing(app: Erlen) -> None:
    with app.app_context():
        assert g.setdefault("db", "first") == "first"
        assert g.setdefault("db", "second") == "first"
        assert g.db == "first"
        assert g.setdefault("nothing") is None
        assert "nothing" in g


def test_g_supports_in_and_iteration_over_names(app: Erlen) -> None:
    with app.app_context():
        assert list(g) == []
        g.a = 1
        g.b = 2
        assert "a" in g
        assert "c" not in g
        assert sorted(g) == ["a", "b"]


def test_g_missing_attribute_raises_attribute_error(app: Erlen) -> None:
    with app.app_context(), pytest.raises(AttributeError):
        g.never_set  # noqa: B018 - the access itself is what is tested


# -- has_app_context / has_request_context ----------------------------------------------


def test_has_context_helpers_follow_what_is_pushed(app: Erlen) -> None:
    assert (has_app_context(), has_request_context()) == (False, False)
    with app.app_context():
        assert (has_app_context(), has_request_context()) == (True, False)
        with app.test_request_context():
            assert (has_app_context(), has_request_context()) == (True, True)
        assert (has_app_context(), has_request_context()) == (True, False)
    assert (has_app_context(), has_request_context()) == (False, False)


def test_has_context_helpers_are_true_inside_a_view(app: Erlen, client: Client) -> None:
    @app.route("/")
    def index() -> str:
        return f"{has_app_context()} {has_request_context()}"

    assert client.get("/").get_data(as_text=True) == "True True"


# -- copy_current_request_context -------------------------------------------------------


def test_copied_function_runs_in_a_thread_after_the_request_ended(
    app: Erlen, client: Client
) -> None:
    release = threading.Event()
    results: list[object] = []
    workers: list[threading.Thread] = []

    @app.route("/report")
    def report() -> str:
        @copy_current_request_context
        def send_report() -> None:
            release.wait()
            results.append((request.path, request.args["to"], has_app_context()))

        worker = threading.Thread(target=send_report)
        worker.start()
        workers.append(worker)
        return "queued"

    try:
        assert client.get("/report?to=ops").get_data(as_text=True) == "queued"
    finally:
        # The request is over; only now is the thread allowed to use it.
        release.set()
    workers[0].join()
    assert results == [("/report", "ops", True)]


def test_one_copied_function_can_run_in_two_threads_at_once(app: Erlen) -> None:
    # Thread "a" enters first and leaves first, while "b" is still inside:
    # the order a thread pool produces, and not the reverse of the pushes.
    a_inside, b_inside, a_done = threading.Event(), threading.Event(), threading.Event()
    results: dict[str, str] = {}
    errors: list[BaseException] = []

    with app.test_request_context("/fan-out?q=x"):

        @copy_current_request_context
        def work(name: str) -> str:
            if name == "a":
                a_inside.set()
                b_inside.wait()
            else:
                b_inside.set()
                a_done.wait()
            return f"{name}:{request.path}?{request.args['q']}"

    def run(name: str) -> None:
        try:
            if name == "b":
                a_inside.wait()
            results[name] = work(name)
        except BaseException as error:  # reported by the main thread
            errors.append(error)
        finally:
            # Also on failure, so that no thread is left waiting.
            a_inside.set()
            b_inside.set()
            if name == "a":
                a_done.set()

    threads = [threading.Thread(target=run, args=(name,)) for name in "ab"]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert results == {"a": "a:/fan-out?x", "b": "b:/fan-out?x"}


def test_copied_function_keeps_name_and_passes_arguments_and_result(app: Erlen) -> None:
    with app.test_request_context("/calc"):

        @copy_current_request_context
        def add(a: int, b: int = 0) -> str:
            return f"{request.path}:{a + b}"

    assert add.__name__ == "add"
    assert add(2, b=3) == "/calc:5"


def test_copied_coroutine_function_is_run_to_completion(app: Erlen) -> None:
    with app.test_request_context("/async"):

        @copy_current_request_context
        async def path() -> str:
            await asyncio.sleep(0)
            return request.path

    assert path() == "/async"


def test_copied_function_shares_a_session_first_used_in_the_copy(
    app: Erlen, client: Client, sessions: MemorySessionInterface
) -> None:
    @app.route("/")
    def index() -> str:
        @copy_current_request_context
        def remember() -> None:
            session["remembered"] = True

        worker = threading.Thread(target=remember)
        worker.start()
        worker.join()
        return str(session.get("remembered"))

    assert client.get("/").get_data(as_text=True) == "True"
    assert sessions.opened == 1
    assert sessions.saved == [{"remembered": True}]


def test_copy_current_request_context_outside_a_request_explains_the_fix() -> None:
    with pytest.raises(RuntimeError) as info:
        copy_current_request_context(lambda: None)
    message = str(info.value)
    assert "'copy_current_request_context'" in message
    assert "app.test_request_context()" in message


# -- after_this_request -----------------------------------------------------------------


def test_after_this_request_changes_only_this_response(app: Erlen, client: Client) -> None:
    @app.route("/")
    def index() -> str:
        if "mark" in request.args:

            @after_this_request
            def add_header(response: Response) -> Response:
                response.headers["X-Marked"] = "yes"
                return response

        return "ok"

    assert client.get("/?mark=1").headers.get("X-Marked") == "yes"
    assert "X-Marked" not in client.get("/").headers


def test_after_this_request_runs_before_app_after_request_in_order(
    app: Erlen, client: Client
) -> None:
    order: list[str] = []

    @app.after_request
    def app_hook(response: Response) -> Response:
        order.append("app after_request")
        return response

    @app.route("/")
    def index() -> str:
        @after_this_request
        def first(response: Response) -> Response:
            order.append("first after_this_request")
            return response

        @after_this_request
        def second(response: Response) -> Response:
            order.append("second after_this_request")
            return response

        return "ok"

    client.get("/")
    assert order == [
        "first after_this_request",
        "second after_this_request",
        "app after_request",
    ]


def test_after_this_request_can_replace_the_response(app: Erlen, client: Client) -> None:
    @app.route("/")
    def index() -> str:
        after_this_request(lambda response: Response("replaced", status=202))
        return "original"

    response = client.get("/")
    assert response.status_code == 202
    assert response.get_data(as_text=True) == "replaced"


def test_after_this_request_outside_a_request_explains_the_fix(app: Erlen) -> None:
    with app.app_context(), pytest.raises(RuntimeError) as info:
        after_this_request(lambda response: response)
    assert "'after_this_request'" in str(info.value)
    assert "app.test_request_context()" in str(info.value)


# -- stream_with_context ----------------------------------------------------------------


def test_a_plain_generator_cannot_see_the_request_once_the_view_returned(
    app: Erlen, client: Client
) -> None:
    # Why stream_with_context exists: the body is produced after teardown.
    @app.route("/")
    def index() -> Iterator[str]:
        def body() -> Iterator[str]:
            yield request.path

        return body()

    # The test client reads the first chunk as soon as the app returns.
    with pytest.raises(RuntimeError, match="Working outside of request context"):
        client.get("/")


def test_wrapped_generator_reads_the_request_while_streaming(
    app: Erlen, client: Client
) -> None:
    @app.route("/stream")
    def stream() -> Iterator[str]:
        g.prefix = "chunk"

        def body() -> Iterator[str]:
            yield f"{g.prefix} of {request.path}?{request.args['q']}\n"
            yield f"{has_request_context()}\n"

        return stream_with_context(body())

    with client.get("/stream?q=1") as response:
        assert response.get_data(as_text=True) == "chunk of /stream?1\nTrue\n"


def test_decorated_generator_function_reads_the_request_while_streaming(
    app: Erlen, client: Client
) -> None:
    # Decorating happens at import time, outside any request.
    @stream_with_context
    def body(count: int) -> Iterator[str]:
        for number in range(count):
            yield f"{request.args['name']}{number} "

    assert body.__name__ == "body"

    @app.route("/")
    def index() -> Iterator[str]:
        return body(3)

    with client.get("/?name=n") as response:
        assert response.get_data(as_text=True) == "n0 n1 n2 "


def test_teardown_waits_until_the_stream_is_closed(app: Erlen, client: Client) -> None:
    events: list[str] = []
    app.teardown_request(lambda exc: events.append("teardown_request"))
    app.teardown_appcontext(lambda exc: events.append("teardown_appcontext"))

    @app.route("/")
    def index() -> Iterator[str]:
        def body() -> Iterator[str]:
            try:
                for number in range(3):
                    events.append(f"sent {number}")
                    yield f"{request.path}{number}"
            finally:
                events.append("body closed")

        return stream_with_context(body())

    response = client.get("/")
    chunks = iter(response.response)
    assert next(chunks) == b"/0"
    assert events == ["sent 0"]
    assert has_request_context()  # kept alive for the rest of the body

    response.close()
    assert events == ["sent 0", "body closed", "teardown_request", "teardown_appcontext"]


def test_teardown_runs_once_a_stream_is_fully_sent(app: Erlen, client: Client) -> None:
    events: list[str] = []
    app.teardown_request(lambda exc: events.append(f"teardown {exc!r}"))

    @app.route("/")
    def index() -> Iterator[str]:
        def body() -> Iterator[str]:
            yield "a"
            events.append("last chunk sent")

        return stream_with_context(body())

    with client.get("/") as response:
        assert events == []
        assert response.get_data() == b"a"
        assert events == ["last chunk sent", "teardown None"]
    assert events == ["last chunk sent", "teardown None"]


def test_a_wrapped_iterable_is_closed_with_the_stream(app: Erlen, client: Client) -> None:
    closed: list[str] = []

    class ClosableIterator:
        """A WSGI-style iterator that holds a resource until closed."""

        def __init__(self) -> None:
            self._rows = iter(["row1\n", "row2\n"])

        def __iter__(self) -> ClosableIterator:
            return self

        def __next__(self) -> str:
            return next(self._rows)

        def close(self) -> None:
            closed.append(request.path)

    @app.route("/rows")
    def rows() -> Iterator[str]:
        return stream_with_context(ClosableIterator())

    with client.get("/rows") as response:
        assert response.get_data(as_text=True) == "row1\nrow2\n"
    # It could still read the request while closing.
    assert closed == ["/rows"]


def test_stream_with_context_outside_a_request_explains_the_fix() -> None:
    def body() -> Iterator[str]:
        yield "never"

    with pytest.raises(RuntimeError) as info:
        stream_with_context(body())
    assert "'stream_with_context'" in str(info.value)
    assert "app.test_request_context()" in str(info.value)
