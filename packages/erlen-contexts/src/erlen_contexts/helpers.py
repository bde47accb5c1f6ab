"""Helpers that look at, or carry along, the active contexts."""

from __future__ import annotations

import typing as t
from functools import update_wrapper

from .globals import _cv_app
from .globals import _cv_request

if t.TYPE_CHECKING:
    from collections.abc import Iterable
    from collections.abc import Iterator

F = t.TypeVar("F", bound=t.Callable[..., t.Any])
AfterRequestCallable = t.TypeVar("AfterRequestCallable", bound=t.Callable[..., t.Any])


def has_app_context() -> bool:
    """Whether an application context is active, so ``current_app`` works."""
    return _cv_app.get(None) is not None


def has_request_context() -> bool:
    """Whether a request context is active, so ``request`` works."""
    return _cv_request.get(None) is not None


def _require_request_context(helper: str) -> t.Any:
    ctx = _cv_request.get(None)
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
    _require_request_context("after_this_request")._after_request_functions.append(f)
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
    """
    try:
        iterable = iter(generator_or_function)  # type: ignore[arg-type]
    except TypeError:
        function = t.cast("t.Callable[..., Iterable[t.AnyStr]]", generator_or_function)

        def decorator(*args: t.Any, **kwargs: t.Any) -> Iterator[t.AnyStr]:
            return stream_with_context(function(*args, **kwargs))

        return update_wrapper(decorator, function)

    ctx = _require_request_context("stream_with_context")

    def generator() -> t.Generator[t.AnyStr | None, None, None]:
        with ctx:
            # The first step only enters the context, while the request is
            # still active; the body is produced on later steps.
            yield None
            try:
                yield from iterable
            finally:
                close = getattr(iterable, "close", None)
                if close is not None:
                    close()

    wrapped = generator()
    next(wrapped)
    return wrapped  # type: ignore[return-value]
