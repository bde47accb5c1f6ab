"""The proxies: what they resolve to, and the errors outside a context."""

from __future__ import annotations

import pytest
from werkzeug.test import Client

import erlen
import erlen_contexts
from erlen import Erlen
from erlen_contexts import app_ctx
from erlen_contexts import current_app
from erlen_contexts import g
from erlen_contexts import request
from erlen_contexts import request_ctx
from erlen_contexts import session

APP_CONTEXT_ERROR = "Working outside of application context"
APP_CONTEXT_FIX = "with app.app_context():"
REQUEST_CONTEXT_ERROR = "Working outside of request context"
REQUEST_CONTEXT_FIX = "with app.test_request_context():"


@pytest.mark.parametrize(
    "use",
    [
        lambda: current_app.name,  # type: ignore[attr-defined]
        lambda: g.user,
        lambda: g.get("user"),
        lambda: app_ctx.app,
    ],
    ids=["current_app", "g attribute", "g.get", "app_ctx"],
)
def test_app_proxies_outside_an_app_context_explain_the_fix(use: object) -> None:
    with pytest.raises(RuntimeError) as info:
        use()  # type: ignore[operator]
    message = str(info.value)
    assert APP_CONTEXT_ERROR in message
    assert APP_CONTEXT_FIX in message


def test_setting_an_attribute_on_g_outside_a_context_fails_too() -> None:
    with pytest.raises(RuntimeError, match=APP_CONTEXT_ERROR):
        g.user = "ada"


@pytest.mark.parametrize(
    "use",
    [
        lambda: request.path,
        lambda: request.args,
        lambda: session.get("user"),
        lambda: "user" in session,
        lambda: request_ctx.request,
    ],
    ids=["request.path", "request.args", "session.get", "in session", "request_ctx"],
)
def test_request_proxies_outside_a_request_explain_the_fix(
    app: Erlen, use: object
) -> None:
    for outside in (None, app.app_context()):
        # With or without an app context, no request is being handled.
        if outside is not None:
            outside.push()
        try:
            with pytest.raises(RuntimeError) as info:
                use()  # type: ignore[operator]
        finally:
            if outside is not None:
                outside.pop()
        message = str(info.value)
        assert REQUEST_CONTEXT_ERROR in message
        assert REQUEST_CONTEXT_FIX in message


def test_app_proxies_work_in_an_app_context_without_a_request(app: Erlen) -> None:
    with app.app_context() as ctx:
        assert current_app._get_current_object() is app  # type: ignore[attr-defined]
        assert app_ctx._get_current_object() is ctx  # type: ignore[attr-defined]
        g.answer = 42
        assert ctx.g.answer == 42


def test_request_proxies_resolve_to_the_current_request(app: Erlen) -> None:
    with app.test_request_context("/first") as first:
        assert request._get_current_object() is first.request  # type: ignore[attr-defined]
        with app.test_request_context("/second") as second:
            assert request._get_current_object() is second.request  # type: ignore[attr-defined]
            assert request.path == "/second"
        assert request.path == "/first"


def test_g_is_shared_by_the_hooks_and_view_of_one_request(
    app: Erlen, client: Client
) -> None:
    @app.before_request
    def load_user() -> None:
        g.user = request.args.get("user", "anonymous")

    @app.route("/")
    def index() -> str:
        return f"hello {g.user}, {'leftover' in g}"

    @app.after_request
    def leave_something(response: erlen.Response) -> erlen.Response:
        g.leftover = True
        return response

    assert client.get("/?user=ada").get_data(as_text=True) == "hello ada, False"
    # g does not outlive its request: nothing set last time is still there.
    assert client.get("/").get_data(as_text=True) == "hello anonymous, False"


def test_the_facade_exports_the_same_proxies() -> None:
    assert erlen.current_app is erlen_contexts.current_app
    assert erlen.g is erlen_contexts.g
    assert erlen.request is erlen_contexts.request
    assert erlen.session is erlen_contexts.session
