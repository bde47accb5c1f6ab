"""The request pipeline: the order of a request's steps, written once.

A request runs user code at fixed points: URL value preprocessors,
``before_request`` functions, the view, error handlers, ``after_request``
functions, the session's save, teardown callbacks. The order of those
points, and what an error at each one leads to, is the same whether a WSGI
server or an ASGI server sent the request; only *how* each piece of user
code is called differs: in the calling thread under WSGI, awaited on the
event loop (coroutine functions) or in a thread pool (plain functions) under
ASGI.

So each step here is a generator that *yields* every call of user code as a
:data:`Call` and receives its result (or has its exception thrown in), and a
driver runs the calls: :func:`run_sync` here, for WSGI and for Flask's public
methods (``app.full_dispatch_request()`` ...), and the async driver of
erlen-asgi. Neither driver knows the order of anything; the generators know
nothing of threads or event loops. ``docs/design.md`` says why this shape.

Flask extensions override ``full_dispatch_request``, ``dispatch_request``,
``handle_user_exception`` and the rest on a subclass of the app. Each step
checks :func:`overrides` and, when a subclass has overridden the method
that step stands for, yields a call of the override instead of running its
own steps, so the override runs under either driver.
"""

from __future__ import annotations

import typing as t

from werkzeug.exceptions import BadRequestKeyError
from werkzeug.exceptions import HTTPException
from werkzeug.exceptions import InternalServerError
from werkzeug.routing import RoutingException

from erlen_contexts import raise_collected
from erlen_contexts import request_ctx_var

from . import speedups
from .plugins.signals import hub as signals_hub

if t.TYPE_CHECKING:
    from collections.abc import Callable
    from collections.abc import Mapping

    from erlen_contexts import RequestContext

    from . import typing as ft
    from .app import Erlen
    from .plugins.sessions import SessionMixin
    from .wrappers import Response

#: How a driver calls a :data:`Call`'s function.
#: A function registered on the app or a blueprint (a view, a hook, an error
#: handler): it may be a coroutine function, and never changes kind, so the
#: driver may remember which it is.
REGISTERED: t.Final = 0
#: A function that may be a coroutine function and is seen once or rarely
#: (an ``after_this_request`` function, a method a subclass overrides): checked
#: on every call, never remembered.
CHECKED: t.Final = 1
#: Erlen's own code that may block on I/O (saving a session in Redis,
#: sending a signal to receivers): never a coroutine function.
SYNC: t.Final = 2
#: Erlen's own code that never blocks (the automatic OPTIONS answer): any
#: driver calls it where it is.
INLINE: t.Final = 3

#: One call of user code: the function, its positional and keyword
#: arguments, and how to call it (:data:`REGISTERED`, :data:`CHECKED`,
#: :data:`SYNC` or :data:`INLINE`).
Call = tuple["Callable[..., t.Any]", tuple[t.Any, ...], "Mapping[str, t.Any] | None", int]
R = t.TypeVar("R")
#: A step of the pipeline: yields calls, receives their results, returns ``R``.
Steps = t.Generator[Call, t.Any, R]

#: The app's methods of the request cycle that Flask extensions override.
OVERRIDABLE: t.Final = (
    "full_dispatch_request",
    "preprocess_request",
    "dispatch_request",
    "make_response",
    "process_response",
    "finalize_request",
    "handle_user_exception",
    "handle_http_exception",
    "handle_exception",
    "do_teardown_request",
    "do_teardown_appcontext",
)


def overrides(app: Erlen) -> frozenset[str]:
    """The methods of :data:`OVERRIDABLE` that ``app``'s class overrides.

    Worked out once per class, when the class is made
    (``Erlen.__init_subclass__``): a request only tests membership.
    """
    return app.pipeline_overrides


def overridden_in(cls: type, base: type) -> frozenset[str]:
    """The methods of :data:`OVERRIDABLE` that ``cls`` defines differently from ``base``."""
    return frozenset(
        name for name in OVERRIDABLE if getattr(cls, name) is not getattr(base, name)
    )


def run_sync(app: Erlen, steps: Steps[R]) -> R:
    """Run ``steps`` in this thread, calling each function as it comes.

    The WSGI driver: a coroutine function goes through ``app.ensure_sync``,
    as Flask runs one.
    """
    synced = app._sync_cache
    try:
        call = steps.send(None)
        while True:
            func, args, kwargs, kind = call
            try:
                # Inside the try: no asgiref for a coroutine function is an
                # error of that call, which error handlers answer.
                if kind == REGISTERED:
                    # app._sync's cache, read here: a method call per call
                    # of user code is a measurable part of a small request.
                    try:
                        func = synced[func]
                    except (KeyError, TypeError):  # first call, or unhashable
                        func = app._sync(func)
                elif kind == CHECKED:
                    func = app.ensure_sync(func)
                result = func(*args, **kwargs) if kwargs else func(*args)
            except BaseException as error:
                call = steps.throw(error)
            else:
                call = steps.send(result)
    except StopIteration as stop:
        return stop.value  # type: ignore[no-any-return]


def _signal(name: str, app: Erlen, **kwargs: t.Any) -> Call | None:
    """The call that sends the signal ``name``, or ``None`` when it has no
    receivers (then it costs a truth test, and no call is yielded)."""
    signal = getattr(signals_hub, name)
    if not signal.receivers:
        return None
    return (signal.send, (app,), {"_async_wrapper": app.ensure_sync, **kwargs}, SYNC)


# -- the request ----------------------------------------------------------------


def respond(
    app: Erlen, ctx: RequestContext, errors: list[BaseException]
) -> Steps[Response]:
    """Push ``ctx`` and answer its request.

    An unhandled error is appended to ``errors`` before it is answered, so
    the teardown receives it even when answering it fails too.
    """
    found = app.pipeline_overrides
    try:
        ctx.push()
        if "full_dispatch_request" in found:
            response = yield (app.full_dispatch_request, (), None, CHECKED)
        elif (
            _ONLY_THE_VIEW_SHORTCUT
            and not found
            and not app.url_value_preprocessors
            and not app.before_request_funcs
            and not app.after_request_funcs
            and not signals_hub.request_started.receivers
            and not signals_hub.request_finished.receivers
        ):
            # Nothing but the view runs: no hook, no override, no listener.
            # full_dispatch's steps, in its order, written out here: its
            # three nested generators cost a small request about a tenth of
            # its time, and a generator of their own a further 2%.
            # Switched off with the other speedups (ERLEN_NO_SPEEDUPS=1),
            # so the whole suite proves it equal to full_dispatch.
            app._got_first_request = True
            try:
                rv = yield dispatch_call(app)
            except Exception as error:
                rv = yield from handle_user_exception(app, error)
            if ctx.after_request_functions:
                # The view registered an after_this_request function.
                response = yield from finalize(app, rv, False)
            else:
                response = app.make_response(rv)
                save = session_save_call(app, ctx, response)
                if save is not None:
                    yield save
        else:
            response = yield from full_dispatch(app)
    except Exception as error:
        errors.append(error)
        if ctx.streams:
            # They belonged to the response the error replaced.
            ctx.close_streams()
        if "handle_exception" in found:
            response = yield (app.handle_exception, (error,), None, CHECKED)
        else:
            response = yield from handle_exception(app, error)
    if ctx.streams:
        # Sent or not, every stream is done when the server closes the
        # body; one the response does not carry is never closed otherwise,
        # and would hold the teardown back.
        response.call_on_close(ctx.close_streams)
    return response  # type: ignore[no-any-return]


#: Whether :func:`respond` runs only the view, when nothing else would run.
_ONLY_THE_VIEW_SHORTCUT: t.Final = speedups.ENABLED


def full_dispatch(app: Erlen) -> Steps[Response]:
    """``app.full_dispatch_request()``: hooks, the view, error handling, the response."""
    app._got_first_request = True
    found = overrides(app)
    try:
        send = _signal("request_started", app)
        if send is not None:
            yield send
        if "preprocess_request" in found:
            rv = yield (app.preprocess_request, (), None, CHECKED)
        elif app.url_value_preprocessors or app.before_request_funcs:
            rv = yield from preprocess(app)
        else:
            rv = None  # no hooks, nothing to run
        if rv is None:
            if "dispatch_request" in found:
                rv = yield (app.dispatch_request, (), None, CHECKED)
            else:
                rv = yield dispatch_call(app)
    except Exception as error:
        if "handle_user_exception" in found:
            rv = yield (app.handle_user_exception, (error,), None, CHECKED)
        else:
            rv = yield from handle_user_exception(app, error)
    if "finalize_request" in found:
        return (yield (app.finalize_request, (rv,), None, CHECKED))  # type: ignore[no-any-return]
    return (yield from finalize(app, rv, False))


def preprocess(app: Erlen) -> Steps[ft.ResponseReturnValue | None]:
    """``app.preprocess_request()``: URL value preprocessors, then
    ``before_request`` functions; the app's first, then each blueprint's,
    outermost first. The first non-``None`` value ends the request with it."""
    request = request_ctx_var.get().request
    if _app_only(app.url_value_preprocessors) and _app_only(app.before_request_funcs):
        scopes = _APP_SCOPE
    else:
        blueprints = request.blueprints  # type: ignore[attr-defined]
        scopes = (None, *reversed(blueprints)) if blueprints else _APP_SCOPE
    if app.url_value_preprocessors:
        # Most apps register none: no generator for an empty table.
        yield from _value_preprocessors(app, request, scopes)
    for scope in scopes:
        for before in app.before_request_funcs.get(scope, ()):
            rv = yield (before, (), None, REGISTERED)
            if rv is not None:
                return rv  # type: ignore[no-any-return]
    return None


def _value_preprocessors(
    app: Erlen, request: t.Any, scopes: tuple[str | None, ...]
) -> Steps[None]:
    for scope in scopes:
        for func in app.url_value_preprocessors.get(scope, ()):
            yield (func, (request.endpoint, request.view_args), None, REGISTERED)


def websocket(app: Erlen, ctx: RequestContext) -> Steps[None]:
    """Push ``ctx`` and run a WebSocket connection's view.

    The URL value preprocessors run first, as for HTTP, so ``url_for``
    defaults work; ``before_request`` and ``after_request`` functions, which
    act on HTTP requests and responses, do not. A routing error (no route,
    or an HTTP route) is raised: the server refuses the connection.
    """
    ctx.push()
    app._got_first_request = True
    request = ctx.request
    if request.routing_exception is None:  # type: ignore[attr-defined]
        blueprints = request.blueprints  # type: ignore[attr-defined]
        yield from _value_preprocessors(
            app, request, (None, *reversed(blueprints)) if blueprints else _APP_SCOPE
        )
    yield dispatch_call(app)


def dispatch(app: Erlen) -> Steps[ft.ResponseReturnValue]:
    """``app.dispatch_request()``: the view of the matched rule."""
    rv: ft.ResponseReturnValue = yield dispatch_call(app)
    return rv


def dispatch_call(app: Erlen) -> Call:
    """The call of the matched rule's view, or of the automatic OPTIONS
    answer; raises the routing error when the URL matched nothing."""
    request = request_ctx_var.get().request
    if request.routing_exception is not None:  # type: ignore[attr-defined]
        app.raise_routing_exception(request)  # type: ignore[arg-type]
    rule = request.url_rule  # type: ignore[attr-defined]
    if request.method == "OPTIONS" and getattr(rule, "provide_automatic_options", False):
        return (app.make_default_options_response, (), None, INLINE)
    view = app.view_functions[rule.endpoint]
    return (view, (), request.view_args, REGISTERED)  # type: ignore[attr-defined]


def finalize(
    app: Erlen, rv: ft.ResponseReturnValue | HTTPException, from_error_handler: bool
) -> Steps[Response]:
    """``app.finalize_request()``: make the response, run the response hooks.

    While handling an unhandled error (``from_error_handler``), a failure
    in the hooks is logged instead of raised, so the 500 still goes out.
    """
    found = overrides(app)
    response: Response
    if "make_response" in found:
        response = yield (app.make_response, (rv,), None, CHECKED)
    else:
        response = app.make_response(rv)
    try:
        if "process_response" in found:
            response = yield (app.process_response, (response,), None, CHECKED)
        elif app.after_request_funcs or request_ctx_var.get().after_request_functions:
            response = yield from process_response(app, response)
        else:
            # No hook to run: only the session may need saving.
            save = session_save_call(app, request_ctx_var.get(), response)
            if save is not None:
                yield save
        send = _signal("request_finished", app, response=response)
        if send is not None:
            yield send
    except Exception:
        if not from_error_handler:
            raise
        app.logger.exception(
            "Request finalizing failed with an error while handling an error"
        )
    return response


def _finalize(
    app: Erlen, rv: ft.ResponseReturnValue | HTTPException, from_error_handler: bool
) -> Steps[Response]:
    """:func:`finalize`, or the subclass's ``finalize_request``."""
    if "finalize_request" in overrides(app):
        return (yield (app.finalize_request, (rv, from_error_handler), None, CHECKED))  # type: ignore[no-any-return]
    return (yield from finalize(app, rv, from_error_handler))


def process_response(app: Erlen, response: Response) -> Steps[Response]:
    """``app.process_response()``: ``after_request`` functions, then the session's save.

    Functions from ``after_this_request`` run first, then the innermost
    blueprint's, then the app's; within a scope, the last registered runs
    first.
    """
    ctx = request_ctx_var.get()
    for func in ctx.after_request_functions:
        response = yield (func, (response,), None, CHECKED)
    if app.after_request_funcs:
        scopes = (
            _APP_SCOPE
            if _app_only(app.after_request_funcs)
            else _inner_first(ctx.request.blueprints)  # type: ignore[attr-defined]
        )
        for scope in scopes:
            for func in reversed(app.after_request_funcs.get(scope, ())):
                response = yield (func, (response,), None, REGISTERED)
    save = session_save_call(app, ctx, response)
    if save is not None:
        yield save
    return response


def session_save_call(
    app: Erlen, ctx: RequestContext, response: Response
) -> Call | None:
    """The call that saves the request's session into ``response``, if any."""
    if ctx.session_loaded:
        interface = app.session_interface
        session = t.cast("SessionMixin", ctx.session)
        if interface.is_null_session(session):
            return None
        return (interface.save_session, (app, session, response), None, SYNC)
    if ctx.request.environ.get("HTTP_COOKIE"):
        # Only a session the client named in a cookie can be refreshed.
        # Without one, the sessions plugin is not even looked up: finding
        # it reads entry points, a cost of every app's first request.
        return (
            app.session_interface.save_untouched_session,
            (app, ctx.request, response),
            None,
            SYNC,
        )
    return None


# -- errors -------------------------------------------------------------------


def handle_user_exception(
    app: Erlen, e: Exception
) -> Steps[HTTPException | ft.ResponseReturnValue]:
    """``app.handle_user_exception()``: an error raised while dispatching goes
    to its registered handler, or propagates.

    HTTP errors go to ``handle_http_exception`` unless trapped.
    """
    if isinstance(e, BadRequestKeyError) and (
        app.debug or app.config["TRAP_BAD_REQUEST_ERRORS"]
    ):
        e.show_exception = True
    if isinstance(e, HTTPException) and not app.trap_http_exception(e):
        if "handle_http_exception" in overrides(app):
            return (yield (app.handle_http_exception, (e,), None, CHECKED))  # type: ignore[no-any-return]
        return (yield from handle_http_exception(app, e))
    handler = app._find_error_handler(e, request_ctx_var.get().request.blueprints)  # type: ignore[attr-defined]
    if handler is None:
        raise e
    return (yield (handler, (e,), None, REGISTERED))  # type: ignore[no-any-return]


def handle_http_exception(
    app: Erlen, e: HTTPException
) -> Steps[HTTPException | ft.ResponseReturnValue]:
    """``app.handle_http_exception()``: an HTTP error's registered handler,
    or the error as its own response."""
    # Proxy exceptions without a code, and routing redirects, are
    # responses in their own right, not errors to handle.
    if e.code is None or isinstance(e, RoutingException):
        return e
    handler = app._find_error_handler(e, request_ctx_var.get().request.blueprints)  # type: ignore[attr-defined]
    if handler is None:
        return e
    return (yield (handler, (e,), None, REGISTERED))  # type: ignore[no-any-return]


def handle_exception(app: Erlen, e: Exception) -> Steps[Response]:
    """``app.handle_exception()``: an unhandled error is answered with 500,
    or propagates when ``PROPAGATE_EXCEPTIONS`` (or testing, or debug) says so.

    The 500 handler receives an :exc:`~werkzeug.exceptions.InternalServerError`
    whose ``original_exception`` is the error.
    """
    send = _signal("got_request_exception", app, exception=e)
    if send is not None:
        yield send
    if app.propagate_exceptions:
        raise e
    app.log_exception((type(e), e, e.__traceback__))
    server_error: InternalServerError | ft.ResponseReturnValue = InternalServerError(
        original_exception=e
    )
    ctx = request_ctx_var.get(None)
    blueprints = ctx.request.blueprints if ctx is not None else []  # type: ignore[attr-defined]
    handler = app._find_error_handler(server_error, blueprints)  # type: ignore[arg-type]
    if handler is not None:
        server_error = yield (handler, (server_error,), None, REGISTERED)
    return (yield from _finalize(app, server_error, True))


# -- teardown ----------------------------------------------------------------------


def teardown_request(app: Erlen, exc: BaseException | None) -> Steps[None]:
    """``app.do_teardown_request()``: every ``teardown_request`` function, even
    if some fail; the innermost blueprint's first, then the app's, and within
    a scope the last registered first."""
    try:
        # Most apps register none: skip the scopes and the list.
        if app.teardown_request_funcs:
            request = request_ctx_var.get().request
            funcs = [
                func
                for scope in _inner_first(request.blueprints)  # type: ignore[attr-defined]
                for func in reversed(app.teardown_request_funcs.get(scope, ()))
            ]
            yield from _every(funcs, exc)
    finally:
        send = _signal("request_tearing_down", app, exc=exc)
        if send is not None:
            yield send


def teardown_appcontext(app: Erlen, exc: BaseException | None) -> Steps[None]:
    """``app.do_teardown_appcontext()``: every ``teardown_appcontext`` function,
    even if some fail, the last registered first."""
    try:
        if app.teardown_appcontext_funcs:
            yield from _every(list(reversed(app.teardown_appcontext_funcs)), exc)
    finally:
        send = _signal("appcontext_tearing_down", app, exc=exc)
        if send is not None:
            yield send


def teardown(app: Erlen, name: str, exc: BaseException | None) -> Steps[None]:
    """The teardown ``name`` (``"do_teardown_request"`` or
    ``"do_teardown_appcontext"``), or the subclass's override of it."""
    if name in overrides(app):
        yield (getattr(app, name), (exc,), None, CHECKED)
    elif name == "do_teardown_request":
        yield from teardown_request(app, exc)
    else:
        yield from teardown_appcontext(app, exc)


def _every(funcs: list[Callable[..., t.Any]], exc: BaseException | None) -> Steps[None]:
    """Call each of ``funcs`` with ``exc``; then raise what any of them raised.

    A failing callback must not stop the others, or a connection registered
    after it would leak.
    """
    errors: list[BaseException] = []
    for func in funcs:
        try:
            yield (func, (exc,), None, REGISTERED)
        except Exception as error:
            errors.append(error)
    raise_collected(errors)


#: The hook scopes of a request outside any blueprint: the app's alone.
_APP_SCOPE: tuple[str | None, ...] = (None,)


def _app_only(hooks: t.Mapping[str | None, t.Any]) -> bool:
    """Whether only the app registered ``hooks``: then the request's blueprints,
    computed per request, cannot matter."""
    return not hooks or (len(hooks) == 1 and None in hooks)


def _inner_first(blueprints: list[str]) -> tuple[str | None, ...]:
    """The scopes whose response and teardown hooks run: innermost first, app last."""
    # Without blueprints (most requests) no new tuple is built.
    return (*blueprints, None) if blueprints else _APP_SCOPE
