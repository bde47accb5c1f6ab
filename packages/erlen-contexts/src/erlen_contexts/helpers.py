"""Helpers that look at, or carry along, the active contexts."""

from __future__ import annotations

import typing as t
from contextlib import contextmanager
from functools import update_wrapper

from .globals import app_ctx_var
from .globals import request_ctx_var

if t.TYPE_CHECKING:
    from collections.abc import Iterable
    from collections.abc import Iterator

    from .app_context import AppContext
    from .request_context import RequestContext

F = t.TypeVar("F", bound=t.Callable[..., t.Any])
AfterRequestCallable = t.TypeVar("AfterRequestCallable", bound=t.Callable[..., t.Any])


def has_app_context() -> bool:
    """Whether an application context is active, so ``current_app`` works."""
    return app_ctx_var.get(None) is not None


def has_request_context() -> bool:
    """Whether a request context is active, so ``request`` works."""
    return request_ctx_var.get(None) is not None


def _require_request_context(helper: str) -> t.Any:
    ctx = request_ctx_var.get(None)
    if ctx is None:
        raise RuntimeError(
            f"'{helper}' can only be used while a request context is active,"
            " such as in a view function. In a test, push one with"
            " 'with app.test_request_context():'."
        )
    return ctx


def after_this_request(f: AfterRequestCallable) -> AfterRequestCallable:
    """Run ``f`` on the response of the current request only.

    ``f`` takes the response and returns it (or a replacement). It runs
    before the application's own ``after_request`` functions.
    """
    _require_request_context("after_this_request").after_request_functions.append(f)
    return f


def copy_current_request_context(f: F) -> F:
    """Bind ``f`` to the current request so it can run in another thread.

    The returned function pushes a copy of the current request context around
    each call, so ``request``, ``session`` and ``g`` work inside it even
    after the original request has finished. Each call gets its own copy,
    so the function may run in several threads at once (a thread pool's
    ``map``): one context pushed by two threads would mix up their pushes.
    """
    ctx = _require_request_context("copy_current_request_context").copy()

    def wrapper(*args: t.Any, **kwargs: t.Any) -> t.Any:
        with ctx.copy() as call_ctx:
            return call_ctx.app.ensure_sync(f)(*args, **kwargs)

    return update_wrapper(wrapper, f)  # type: ignore[return-value]


@t.overload
def stream_with_context(
    generator_or_function: Iterable[t.AnyStr],
) -> Iterator[t.AnyStr]: ...


@t.overload
def stream_with_context(
    generator_or_function: t.Callable[..., Iterable[t.AnyStr]],
) -> t.Callable[..., Iterator[t.AnyStr]]: ...


def stream_with_context(
    generator_or_function: Iterable[t.AnyStr] | t.Callable[..., Iterable[t.AnyStr]],
) -> Iterator[t.AnyStr] | t.Callable[..., Iterator[t.AnyStr]]:
    """Keep the request context alive while a streamed response is sent.

    A response body produced by a generator is consumed after the view has
    returned and the request would normally be torn down. Wrapping the
    generator (or decorating the generator function) pushes the request
    context again for as long as the body is being iterated, and tears it
    down when the server closes the body.

    An async generator (served by ASGI) is returned as it is: an ASGI
    server keeps the contexts pushed until the body is sent.
    """
    if hasattr(generator_or_function, "__aiter__"):
        return generator_or_function  # type: ignore[return-value]
    try:
        iterable = iter(generator_or_function)  # type: ignore[arg-type]
    except TypeError:
        function = t.cast("t.Callable[..., Iterable[t.AnyStr]]", generator_or_function)

        def decorator(*args: t.Any, **kwargs: t.Any) -> Iterator[t.AnyStr]:
            return stream_with_context(function(*args, **kwargs))

        return update_wrapper(decorator, function)

    ctx = _require_request_context("stream_with_context")
    app_ctx = app_ctx_var.get()
    # Held, not pushed: an async view runs in another thread or event loop,
    # and a context variable set there could not be reset where the server
    # sends the body. Holding only keeps the teardown for the stream's end.
    app_ctx._holds += 1
    ctx._holds += 1

    def generator() -> t.Generator[t.AnyStr | None, None, None]:
        try:
            try:
                yield None
            except GeneratorExit:
                # Closed unsent: the teardown that waited for the body runs now.
                with _resumed(app_ctx, ctx):
                    pass
                raise
            with _resumed(app_ctx, ctx):
                try:
                    yield from iterable
                finally:
                    close = getattr(iterable, "close", None)
                    if close is not None:
                        close()
        finally:
            ctx.streams.remove(wrapped)

    wrapped: t.Generator[t.AnyStr | None, None, None] = generator()
    next(wrapped)
    ctx.streams.append(wrapped)
    return wrapped  # type: ignore[return-value]


@contextmanager
def _resumed(app_ctx: AppContext, ctx: RequestContext) -> Iterator[None]:
    """Push held contexts where the body is sent, and release them.

    The app context goes first, so the request context finds it instead of
    pushing a new one with an empty ``g``. The last pop tears both down.
    """
    with app_ctx, ctx:
        app_ctx._holds -= 1
        ctx._holds -= 1
        yield
