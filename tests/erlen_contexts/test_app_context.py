"""The application context: push counting, teardown, and misuse."""

from __future__ import annotations

import contextvars

import pytest

from erlen import Erlen
from erlen_contexts import AppContext
from erlen_contexts import current_app
from erlen_contexts import g
from erlen_contexts import has_app_context


def test_with_block_makes_the_app_current_and_returns_the_context(app: Erlen) -> None:
    with app.app_context() as ctx:
        assert isinstance(ctx, AppContext)
        assert current_app._get_current_object() is app  # type: ignore[attr-defined]
        assert ctx.g is g._get_current_object()  # type: ignore[attr-defined]
    assert not has_app_context()


def test_manual_push_and_pop(app: Erlen) -> None:
    ctx = app.app_context()
    ctx.push()
    try:
        assert current_app.name == "contexts_app"  # type: ignore[attr-defined]
    finally:
        ctx.pop()
    assert not has_app_context()


def test_nested_push_keeps_the_context_until_the_last_pop(app: Erlen) -> None:
    torn_down: list[BaseException | None] = []
    app.teardown_appcontext(torn_down.append)
    ctx = app.app_context()
    ctx.push()
    ctx.push()
    ctx.g.kept = "value"

    ctx.pop()
    assert torn_down == []
    assert has_app_context()
    assert g.kept == "value"

    ctx.pop()
    assert torn_down == [None]
    assert not has_app_context()


def test_inner_app_shadows_outer_app_until_popped() -> None:
    outer, inner = Erlen("outer"), Erlen("inner")
    with outer.app_context():
        with inner.app_context():
            assert current_app.name == "inner"  # type: ignore[attr-defined]
        assert current_app.name == "outer"  # type: ignore[attr-defined]


def test_every_push_of_a_new_context_gets_a_fresh_g(app: Erlen) -> None:
    with app.app_context():
        g.user = "alice"
    with app.app_context():
        assert "user" not in g
        assert g.get("user") is None


def test_teardown_receives_none_when_the_block_succeeds(app: Erlen) -> None:
    received: list[BaseException | None] = []
    app.teardown_appcontext(received.append)
    with app.app_context():
        pass
    assert received == [None]


def test_teardown_receives_the_exception_that_ended_the_block(app: Erlen) -> None:
    received: list[BaseException | None] = []
    app.teardown_appcontext(received.append)
    error = ValueError("boom")
    with pytest.raises(ValueError), app.app_context():
        raise error
    assert received == [error]


def test_pop_without_argument_passes_the_exception_being_handled(app: Erlen) -> None:
    received: list[BaseException | None] = []
    app.teardown_appcontext(received.append)
    ctx = app.app_context()
    ctx.push()
    try:
        raise KeyError("missing")
    except KeyError as error:
        ctx.pop()
        handled = error
    assert received == [handled]


def test_explicit_pop_argument_wins_over_the_exception_being_handled(app: Erlen) -> None:
    received: list[BaseException | None] = []
    app.teardown_appcontext(received.append)
    ctx = app.app_context()
    ctx.push()
    try:
        raise KeyError("ignored")
    except KeyError:
        ctx.pop(None)
    assert received == [None]


def test_teardown_callbacks_run_last_registered_first(app: Erlen) -> None:
    order: list[str] = []
    app.teardown_appcontext(lambda exc: order.append("first registered"))
    app.teardown_appcontext(lambda exc: order.append("second registered"))
    with app.app_context():
        pass
    assert order == ["second registered", "first registered"]


def test_teardown_callbacks_can_use_the_context_being_torn_down(app: Erlen) -> None:
    seen: list[object] = []

    @app.teardown_appcontext
    def close_db(exc: BaseException | None) -> None:
        seen.append((current_app.name, g.get("db")))  # type: ignore[attr-defined]

    with app.app_context():
        g.db = "connection"
    assert seen == [("contexts_app", "connection")]


def test_all_teardown_callbacks_run_when_several_raise(app: Erlen) -> None:
    ran: list[str] = []

    def closes_files(exc: BaseException | None) -> None:
        ran.append("files")

    def fails_on_db(exc: BaseException | None) -> None:
        ran.append("db")
        raise ConnectionError("database gone")

    def fails_on_cache(exc: BaseException | None) -> None:
        ran.append("cache")
        raise TimeoutError("cache timed out")

    # Registered in reverse of the order they run.
    app.teardown_appcontext(closes_files)
    app.teardown_appcontext(fails_on_db)
    app.teardown_appcontext(fails_on_cache)

    with pytest.raises(TimeoutError, match="cache timed out") as info:
        with app.app_context():
            pass

    assert ran == ["cache", "db", "files"]
    notes = getattr(info.value, "__notes__", [])
    assert len(notes) == 1
    assert "ConnectionError('database gone')" in notes[0]
    assert not has_app_context()


def test_a_single_failing_teardown_is_raised_without_notes(app: Erlen) -> None:
    app.teardown_appcontext(lambda exc: 1 / 0)
    with pytest.raises(ZeroDivisionError) as info, app.app_context():
        pass
    assert not hasattr(info.value, "__notes__")


def test_popping_the_wrong_context_raises_assertion_error(app: Erlen) -> None:
    def misuse() -> None:
        first, second = app.app_context(), Erlen("other").app_context()
        first.push()
        second.push()
        with pytest.raises(AssertionError, match="Popped the wrong app context"):
            first.pop()

    # Run in a throwaway copy of the context variables: after the misuse
    # the stack is unusable, and it must not leak into other tests.
    contextvars.copy_context().run(misuse)


def test_g_repr_names_the_app_while_active(app: Erlen) -> None:
    with app.app_context():
        namespace = g._get_current_object()  # type: ignore[attr-defined]
        assert repr(namespace) == "<erlen.g of 'contexts_app'>"
