"""The request context: push counting, teardown, lazy session, misuse."""

from __future__ import annotations

import contextvars
import io
import typing as t

import pytest
from werkzeug.exceptions import NotFound
from werkzeug.test import Client

from erlen import abort
from erlen import Erlen
from erlen.plugins.sessions import NullSessionInterface
from erlen_contexts import current_app
from erlen_contexts import g
from erlen_contexts import has_app_context
from erlen_contexts import has_request_context
from erlen_contexts import request
from erlen_contexts import request_ctx
from erlen_contexts import RequestContext
from erlen_contexts import session

if t.TYPE_CHECKING:
    from .conftest import MemorySessionInterface


def test_push_makes_the_request_current_and_pushes_an_app_context(app: Erlen) -> None:
    with app.test_request_context("/hello?name=ada", method="POST") as ctx:
        assert isinstance(ctx, RequestContext)
        assert request.path == "/hello"
        assert request.method == "POST"
        assert request.args["name"] == "ada"
        assert request_ctx._get_current_object() is ctx  # type: ignore[attr-defined]
        assert current_app._get_current_object() is app  # type: ignore[attr-defined]
    assert not has_request_context()
    assert not has_app_context()


def test_reuses_an_active_app_context_of_the_same_app_and_leaves_it(app: Erlen) -> None:
    with app.app_context():
        g.user = "alice"
        with app.test_request_context():
            assert g.user == "alice"
        assert has_app_context()
        assert g.user == "alice"


def test_pushes_its_own_app_context_when_another_app_is_active(app: Erlen) -> None:
    with Erlen("other").app_context():
        with app.test_request_context():
            assert current_app.name == "contexts_app"  # type: ignore[attr-defined]
        assert current_app.name == "other"  # type: ignore[attr-defined]


def test_nested_push_tears_down_only_on_the_last_pop(app: Erlen) -> None:
    requests: list[BaseException | None] = []
    apps: list[BaseException | None] = []
    app.teardown_request(requests.append)
    app.teardown_appcontext(apps.append)
    ctx = app.test_request_context("/nested")
    ctx.push()
    ctx.push()

    ctx.pop()
    assert requests == [] and apps == []
    assert request.path == "/nested"

    ctx.pop()
    assert requests == [None] and apps == [None]
    assert not has_request_context()
    assert not has_app_context()


def test_teardown_request_runs_before_teardown_appcontext(app: Erlen) -> None:
    order: list[str] = []
    app.teardown_request(lambda exc: order.append("request"))
    app.teardown_appcontext(lambda exc: order.append("appcontext"))
    with app.test_request_context():
        pass
    assert order == ["request", "appcontext"]


def test_teardown_request_can_still_read_the_request(app: Erlen) -> None:
    seen: list[str] = []
    app.teardown_request(lambda exc: seen.append(request.path))
    with app.test_request_context("/still-here"):
        pass
    assert seen == ["/still-here"]


def test_teardowns_receive_the_unhandled_exception_of_a_view(app: Erlen) -> None:
    app.config["PROPAGATE_EXCEPTIONS"] = False
    requests: list[BaseException | None] = []
    apps: list[BaseException | None] = []
    app.teardown_request(requests.append)
    app.teardown_appcontext(apps.append)

    @app.route("/fail")
    def fail() -> str:
        raise LookupError("no such row")

    response = Client(app).get("/fail")

    assert response.status_code == 500
    assert [type(e) for e in requests] == [LookupError]
    assert apps == requests


def test_teardowns_receive_none_when_an_error_handler_handled_the_error(
    app: Erlen,
) -> None:
    received: list[BaseException | None] = []
    app.teardown_request(received.append)
    app.teardown_appcontext(received.append)

    @app.route("/missing")
    def missing() -> str:
        abort(404)

    assert Client(app).get("/missing").status_code == 404
    assert received == [None, None]


def test_teardowns_receive_the_exception_ending_a_with_block(app: Erlen) -> None:
    received: list[BaseException | None] = []
    app.teardown_request(received.append)
    app.teardown_appcontext(received.append)
    error = RuntimeError("inside the block")
    with pytest.raises(RuntimeError), app.test_request_context():
        raise error
    assert received == [error, error]


def test_all_teardown_request_callbacks_run_when_several_raise(
    app: Erlen, client: Client
) -> None:
    ran: list[str] = []
    app_torn_down: list[BaseException | None] = []

    @app.teardown_request
    def release_lock(exc: BaseException | None) -> None:
        ran.append("lock")

    @app.teardown_request
    def close_db(exc: BaseException | None) -> None:
        ran.append("db")
        raise ConnectionError("db close failed")

    @app.teardown_request
    def flush_log(exc: BaseException | None) -> None:
        ran.append("log")
        raise OSError("log flush failed")

    app.teardown_appcontext(app_torn_down.append)

    @app.route("/")
    def index() -> str:
        return "ok"

    with pytest.raises(OSError, match="log flush failed") as info:
        client.get("/")

    assert ran == ["log", "db", "lock"]
    assert info.value.__notes__ == [
        "Another teardown callback also failed: ConnectionError('db close failed')"
    ]
    # The app context is still torn down and nothing is left pushed.
    assert app_torn_down == [None]


def test_popping_the_wrong_request_context_raises_assertion_error(app: Erlen) -> None:
    def misuse() -> None:
        first = app.test_request_context("/first")
        second = app.test_request_context("/second")
        first.push()
        second.push()
        with pytest.raises(AssertionError, match="Popped the wrong request context"):
            first.pop()

    # The misuse leaves the stack unusable; keep it out of other tests.
    contextvars.copy_context().run(misuse)


def test_a_routing_failure_is_kept_for_dispatch_not_raised_on_push(app: Erlen) -> None:
    with app.test_request_context("/nowhere"):
        assert isinstance(request.routing_exception, NotFound)  # type: ignore[attr-defined]


def test_a_matched_rule_and_view_args_are_set_on_push(app: Erlen) -> None:
    @app.route("/users/<int:user_id>")
    def user(user_id: int) -> str:
        return str(user_id)

    with app.test_request_context("/users/7"):
        assert request.url_rule.rule == "/users/<int:user_id>"  # type: ignore[attr-defined]
        assert request.view_args == {"user_id": 7}  # type: ignore[attr-defined]


def test_uploaded_files_are_closed_when_the_request_is_torn_down(app: Erlen) -> None:
    data = {"upload": (io.BytesIO(b"content"), "a.txt")}
    with app.test_request_context("/", method="POST", data=data):
        upload = request.files["upload"]
        assert upload.read() == b"content"
    assert upload.stream.closed


def test_uploaded_files_are_closed_even_when_a_teardown_fails(app: Erlen) -> None:
    @app.teardown_request
    def broken(exc: BaseException | None) -> None:
        raise RuntimeError("teardown failed")

    data = {"upload": (io.BytesIO(b"content"), "a.txt")}
    with pytest.raises(RuntimeError, match="teardown failed"):
        with app.test_request_context("/", method="POST", data=data):
            upload = request.files["upload"]
    assert upload.stream.closed


def test_session_is_not_loaded_until_it_is_used(
    app: Erlen, sessions: MemorySessionInterface
) -> None:
    with app.test_request_context() as ctx:
        assert not ctx.session_loaded
        assert sessions.opened == 0
        assert "user" not in session
        assert ctx.session_loaded
        session["user"] = "ada"
        assert session["user"] == "ada"
        assert sessions.opened == 1


def test_a_request_that_never_uses_the_session_never_loads_it(
    app: Erlen, client: Client, sessions: MemorySessionInterface
) -> None:
    @app.route("/plain")
    def plain() -> str:
        return "no session here"

    @app.route("/counter")
    def counter() -> str:
        session["visits"] = session.get("visits", 0) + 1
        return str(session["visits"])

    assert client.get("/plain").status_code == 200
    assert sessions.opened == 0
    assert sessions.saved == []

    assert client.get("/counter").get_data(as_text=True) == "1"
    assert sessions.opened == 1
    assert sessions.saved == [{"visits": 1}]


def test_a_session_that_cannot_load_is_a_readable_null_session(app: Erlen) -> None:
    app.session_interface = NullSessionInterface()
    with app.test_request_context() as ctx:
        assert dict(session) == {}
        assert session.get("user") is None
        assert ctx.session_loaded
        with pytest.raises(RuntimeError, match="session"):
            session["user"] = "ada"


def test_a_session_assigned_to_the_context_is_used_as_is(
    app: Erlen, sessions: MemorySessionInterface
) -> None:
    with app.test_request_context() as ctx:
        ctx.session = {"preset": True}
        assert session["preset"] is True
        assert sessions.opened == 0


def test_a_copy_shares_the_request_and_a_loaded_session(
    app: Erlen, sessions: MemorySessionInterface
) -> None:
    with app.test_request_context("/original") as ctx:
        session["user"] = "ada"
        copy = ctx.copy()
    assert copy.request is ctx.request
    assert copy.session is ctx.session
    assert copy.session["user"] == "ada"
    assert sessions.opened == 1


def test_a_copy_shares_a_session_nothing_had_read_yet(
    app: Erlen, sessions: MemorySessionInterface
) -> None:
    with app.test_request_context() as ctx:
        copy = ctx.copy()
        copy.session["written"] = "through the copy"
        assert session["written"] == "through the copy"
    assert sessions.opened == 1


def test_repr_names_url_method_and_app(app: Erlen) -> None:
    ctx = app.test_request_context("/where", method="PUT")
    assert repr(ctx) == "<RequestContext 'http://localhost/where' [PUT] of 'contexts_app'>"
