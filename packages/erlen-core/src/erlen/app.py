"""The Erlen application: the request cycle on top of the registration logic."""

from __future__ import annotations

import collections.abc as cabc
import inspect
import os
import sys
import threading
import typing as t
import weakref

from werkzeug.datastructures import Headers
from werkzeug.exceptions import HTTPException
from werkzeug.routing import BuildError
from werkzeug.routing import MapAdapter
from werkzeug.routing import RequestRedirect
from werkzeug.routing import WebsocketMismatch
from werkzeug.sansio.utils import get_host
from werkzeug.utils import cached_property
from werkzeug.wrappers import Response as BaseResponse

import erlen_contexts as proxies
from erlen_contexts import app_ctx_var
from erlen_contexts import AppContext
from erlen_contexts import AppCtxGlobals
from erlen_contexts import request_ctx_var
from erlen_contexts import RequestContext

from . import pipeline
from .debughelpers import FormDataRoutingRedirect
from .environ import app_base_url
from .error_pages import error_response
from .helpers import url_for
from .limits import check_url_encoding
from .pipeline import run_sync
from .plugins.sessions import NullSessionInterface
from .plugins.sessions import SessionInterface
from .plugins.signals import hub as signals_hub
from .resources import PackageResources
from .routing import bind_request
from .routing import bind_to_server_name
from .sansio.app import App
from .template_host import TemplateHost
from .wrappers import Request
from .wrappers import Response

if t.TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse
    from _typeshed.wsgi import WSGIEnvironment
    from werkzeug.test import EnvironBuilder

    from . import typing as ft
    from .plugins.sessions import SessionMixin
    from .plugins.templating import TemplateEngine


#: Held while an app resolves something on first use that must exist once.
_FIRST_USE = threading.RLock()


class StaticHostError(ValueError, AssertionError):
    """``static_host`` without ``host_matching``, or host matching without it.

    A :exc:`ValueError`, which ``python -O`` keeps; also an
    :exc:`AssertionError`, which Flask raises here, so code that expects
    Flask's error catches it.
    """


class UpgradeRequired(HTTPException):
    """426: an HTTP request reached a WebSocket route."""

    code = 426
    description = (
        "This URL serves WebSocket connections only. Connect with a WebSocket"
        " client, to the app served by an ASGI server (app.asgi)."
    )

    def get_headers(
        self, environ: WSGIEnvironment | None = None, scope: dict[str, t.Any] | None = None
    ) -> list[tuple[str, str]]:
        return [*super().get_headers(environ, scope), ("Upgrade", "websocket")]


class Erlen(TemplateHost, PackageResources, App):
    """The application: create one, register views on it, serve it with WSGI.

    ``Erlen(__name__)`` takes Flask's constructor arguments, plus
    ``plugins``, which chooses a plugin by name for a slot
    (``plugins={"sessions": "redis"}``) when several are installed.
    """

    request_class: type[Request] = Request
    response_class: type[Response] = Response
    app_ctx_globals_class: type[AppCtxGlobals] = AppCtxGlobals
    #: The signals sent during the request cycle (see :mod:`erlen.plugins.signals`).
    signals = signals_hub
    #: The module the app's warnings about a request are attributed to, for
    #: warning filters; erlen-flask-compat's ``Flask`` says ``flask.app``.
    warning_module: t.ClassVar[str] = __name__
    #: Overrides the testing plugin's client class for ``test_client()``.
    test_client_class: type[t.Any] | None = None
    #: Overrides the CLI plugin's runner for ``test_cli_runner()``.
    test_cli_runner_class: type[t.Any] | None = None

    _session_interface: SessionInterface | None = None
    #: The request-cycle methods this class overrides; the pipeline calls
    #: those instead of its own steps (:func:`erlen.pipeline.overrides`).
    pipeline_overrides: t.ClassVar[frozenset[str]] = frozenset()

    def __init_subclass__(cls, **kwargs: t.Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.pipeline_overrides = pipeline.overridden_in(cls, Erlen)

    def __init__(
        self,
        import_name: str,
        static_url_path: str | None = None,
        static_folder: str | os.PathLike[str] | None = "static",
        static_host: str | None = None,
        host_matching: bool = False,
        subdomain_matching: bool = False,
        template_folder: str | os.PathLike[str] | None = "templates",
        instance_path: str | None = None,
        instance_relative_config: bool = False,
        root_path: str | None = None,
        plugins: t.Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(
            import_name=import_name,
            static_url_path=static_url_path,
            static_folder=static_folder,
            static_host=static_host,
            host_matching=host_matching,
            subdomain_matching=subdomain_matching,
            template_folder=template_folder,
            instance_path=instance_path,
            instance_relative_config=instance_relative_config,
            root_path=root_path,
        )
        #: Plugins chosen by name for this app, by slot.
        self.plugins: dict[str, str] = dict(plugins or {})
        if self.plugins:
            from .plugins._registry import check_app_choice

            for slot, choice in self.plugins.items():
                check_app_choice(slot, choice)
        self._sync_cache: dict[t.Callable[..., t.Any], t.Callable[..., t.Any]] = {}

        if self.has_static_folder:
            if bool(static_host) != host_matching:
                raise StaticHostError(
                    "Set 'static_host' exactly when 'host_matching' is on: with"
                    " host matching every rule needs a host, static files too."
                )
            # A weak reference keeps the rule from holding the app alive.
            app_ref = weakref.ref(self)
            self.add_url_rule(
                f"{self.static_url_path}/<path:filename>",
                endpoint="static",
                host=static_host,
                view_func=lambda **kw: app_ref().send_static_file(**kw),  # type: ignore[union-attr]
            )

    # -- plugins -------------------------------------------------------------

    def plugin_choice(self, slot: str) -> str | None:
        """The plugin name chosen for ``slot``: ``plugins=`` first, then ``PLUGINS``.

        :raise SlotScopeError: the slot is process-wide (``signals``), so
            no single application may choose its plugin.
        """
        choice = self.plugins.get(slot)
        if choice is None:
            choice = (self.config["PLUGINS"] or {}).get(slot)
        if choice is not None:
            from .plugins._registry import check_app_choice

            check_app_choice(slot, choice)
        return choice

    def load_plugin(self, slot: str) -> t.Any:
        """The plugin serving ``slot`` for this app, or ``None`` if none is installed."""
        # Imported on first use: an app that loads no plugin never needs it.
        from .plugins._registry import registry

        return registry.load(slot, self.plugin_choice(slot))

    def require_plugin(self, slot: str, needed_by: str) -> t.Any:
        """Like :meth:`load_plugin`, raising an error naming the fix when missing."""
        from .plugins._registry import registry

        return registry.require(slot, self.plugin_choice(slot), needed_by=needed_by)

    @property
    def session_interface(self) -> SessionInterface:
        """How sessions are loaded and saved; from the sessions plugin by default.

        Assign an interface to use it instead of any plugin, as in Flask.
        """
        interface = self._session_interface
        if interface is None:
            # The first requests may arrive in several threads at once: each
            # creating its own interface, all but the last would save their
            # sessions into a store nobody reads again.
            with _FIRST_USE:
                interface = self._session_interface
                if interface is None:
                    interface = self._create_session_interface()
                    self._session_interface = interface
        return interface

    @session_interface.setter
    def session_interface(self, value: SessionInterface) -> None:
        self._session_interface = value

    def _create_session_interface(self) -> SessionInterface:
        """The sessions plugin's interface for this app, or a null one."""
        plugin = self.load_plugin("sessions")
        if plugin is None:
            return NullSessionInterface()
        return plugin.create_session_interface(self)  # type: ignore[no-any-return]

    @cached_property
    def template_engine(self) -> TemplateEngine:
        """The engine that renders this app's templates, from the templating plugin."""
        from .plugins.templating import TemplateEngine
        from .plugins.validation import validate

        plugin = self.require_plugin("templating", needed_by="Rendering a template")
        engine = plugin.create_engine(self)
        # Checked once, here, so a broken engine fails at the first render
        # with what it lacks, not with an AttributeError somewhere later.
        validate(engine, TemplateEngine, f"engine {type(engine).__qualname__!r}")
        return engine  # type: ignore[no-any-return]

    @cached_property
    def asgi(self) -> t.Any:
        """The app as an ASGI 3 callable, from the asgi plugin: ``uvicorn module:app.asgi``.

        The same app object keeps serving WSGI; both run one pipeline.
        """
        plugin = self.require_plugin("asgi", needed_by="app.asgi")
        return plugin.create_application(self)

    @cached_property
    def cli(self) -> t.Any:
        """The app's command group for ``erlen`` commands, from the CLI plugin."""
        return self.require_plugin("cli", needed_by="app.cli").create_app_group(self)

    def test_client(self, use_cookies: bool = True, **kwargs: t.Any) -> t.Any:
        """A client that sends requests to the app without a server."""
        cls = self.test_client_class
        if cls is None:
            cls = self.require_plugin(
                "testing", needed_by="app.test_client()"
            ).client_class
        return cls(self, self.response_class, use_cookies=use_cookies, **kwargs)

    def test_cli_runner(self, **kwargs: t.Any) -> t.Any:
        """A runner that invokes the app's CLI commands in-process.

        It comes from the CLI plugin, which knows how commands find the app.
        """
        cls = self.test_cli_runner_class
        if cls is not None:
            return cls(self, **kwargs)
        plugin = self.require_plugin("cli", needed_by="app.test_cli_runner()")
        return plugin.create_test_runner(self, **kwargs)

    # -- files -------------------------------------------------------------------

    def open_instance_resource(
        self, resource: str, mode: str = "rb", encoding: str | None = "utf-8"
    ) -> t.IO[t.Any]:
        """Open a file relative to :attr:`instance_path`, in any mode.

        Unlike :meth:`open_resource`, writing is allowed: the instance
        folder holds the deployment's own files, not the package's.

        :param encoding: used in text mode.
        """
        path = os.path.join(self.instance_path, resource)
        if "b" in mode:
            return open(path, mode)
        return open(path, mode, encoding=encoding)

    # -- contexts --------------------------------------------------------------

    def app_context(self) -> AppContext:
        """An application context for this app, to use with ``with``."""
        return AppContext(self)

    def request_context(self, environ: WSGIEnvironment) -> RequestContext:
        """A request context for ``environ``; the server-facing code pushes it."""
        return RequestContext(self, environ)

    def test_request_context(self, *args: t.Any, **kwargs: t.Any) -> RequestContext:
        """A request context for a request built from the arguments.

        The arguments are those of :class:`werkzeug.test.EnvironBuilder`;
        the base URL follows ``SERVER_NAME``, ``APPLICATION_ROOT`` and
        ``PREFERRED_URL_SCHEME``.
        """
        plugin = self.load_plugin("testing")
        if plugin is not None:
            builder = plugin.environ_builder_class(self, *args, **kwargs)
        else:
            builder = _core_environ_builder(self, *args, **kwargs)
        try:
            return self.request_context(builder.get_environ())
        finally:
            builder.close()

    def open_request_session(self, request: Request) -> SessionMixin:
        """Load the session of ``request``; a null session when that fails."""
        interface = self.session_interface
        session = interface.open_session(self, request)
        if session is None:
            session = interface.make_null_session(self)
        return session

    def create_url_adapter(self, request: Request | None) -> MapAdapter | None:
        """Bind the URL map to a request, or to ``SERVER_NAME`` outside one.

        ``SERVER_NAME`` only restricts which hosts are served when subdomain
        matching is on; otherwise it only sets the host of external URLs.
        """
        if request is not None:
            environ = request.environ
            if not (
                (environ.get("PATH_INFO") or "").isascii()
                and (environ.get("QUERY_STRING") or "").isascii()
            ):
                # Raises 400 for raw bytes that are not UTF-8.
                check_url_encoding(environ)
            trusted_hosts = self.config["TRUSTED_HOSTS"]
            if trusted_hosts is not None:
                request.trusted_hosts = trusted_hosts
                # Raises 400 for an untrusted host, before anything matches.
                request.host = get_host(
                    request.scheme,
                    request.headers.get("host"),
                    request.server,
                    trusted_hosts,
                )
            subdomain = None
            server_name = self.config["SERVER_NAME"]
            if self.url_map.host_matching:
                server_name = None
            elif not self.subdomain_matching:
                subdomain = self.url_map.default_subdomain or ""
            if server_name is None:
                # The request's own host: no need to parse the environ again.
                return bind_request(self.url_map, request, subdomain)
            return bind_to_server_name(
                self.url_map, request, server_name, subdomain, self.warning_module
            )
        if self.config["SERVER_NAME"] is not None:
            return self.url_map.bind(
                self.config["SERVER_NAME"],
                script_name=self.config["APPLICATION_ROOT"],
                url_scheme=self.config["PREFERRED_URL_SCHEME"],
            )
        return None

    # -- async -------------------------------------------------------------------

    def ensure_sync(self, func: t.Callable[..., t.Any]) -> t.Callable[..., t.Any]:
        """Return ``func`` callable from sync code: coroutines go through asgiref."""
        if inspect.iscoroutinefunction(func):
            return self.async_to_sync(func)
        return func

    def _sync(self, func: t.Callable[..., t.Any]) -> t.Callable[..., t.Any]:
        """:meth:`ensure_sync` of a view or hook registered on the app, cached.

        ``inspect.iscoroutinefunction`` costs as much as calling a small
        hook, and a registered function never changes kind. Only registered
        functions come here, so the cache is as big as the app.
        """
        try:
            return self._sync_cache[func]
        except KeyError:
            synced = self._sync_cache[func] = self.ensure_sync(func)
            return synced
        except TypeError:  # an unhashable callable object
            return self.ensure_sync(func)

    def async_to_sync(
        self, func: t.Callable[..., t.Coroutine[t.Any, t.Any, t.Any]]
    ) -> t.Callable[..., t.Any]:
        """Wrap a coroutine function to run it to completion from sync code."""
        try:
            from asgiref.sync import async_to_sync as asgiref_async_to_sync
        except ImportError:
            raise RuntimeError(
                "Async views and hooks need asgiref. Install Erlen with the"
                ' async extra: pip install "erlen-core[async]"'
            ) from None
        return asgiref_async_to_sync(func)

    # -- URLs ----------------------------------------------------------------------

    def url_for(
        self,
        /,
        endpoint: str,
        *,
        _anchor: str | None = None,
        _method: str | None = None,
        _scheme: str | None = None,
        _external: bool | None = None,
        **values: t.Any,
    ) -> str:
        """Build the URL of ``endpoint`` with ``values`` for its variables.

        :param endpoint: the endpoint name; ``.name`` is relative to the
            current request's blueprint.
        :param _anchor: appended after ``#``.
        :param _method: build the rule that accepts this method.
        :param _scheme: the scheme of an external URL.
        :param _external: a full URL with scheme and host; the default
            outside a request. Unknown values become the query string.
        """
        req_ctx = request_ctx_var.get(None)
        if req_ctx is not None:
            url_adapter = req_ctx.url_adapter
            if endpoint[:1] == ".":
                blueprint = req_ctx.request.blueprint  # type: ignore[attr-defined]
                endpoint = (
                    f"{blueprint}{endpoint}" if blueprint is not None else endpoint[1:]
                )
            if _external is None:
                _external = _scheme is not None
        else:
            app_ctx = app_ctx_var.get(None)
            if app_ctx is not None and app_ctx.app is self:
                url_adapter = app_ctx.url_adapter
            else:
                url_adapter = self.create_url_adapter(None)
            if _external is None:
                _external = True
        if url_adapter is None:
            raise RuntimeError(
                "Unable to build URLs outside an active request without"
                " 'SERVER_NAME' configured. Also configure 'APPLICATION_ROOT'"
                " and 'PREFERRED_URL_SCHEME' as needed."
            )
        if _scheme is not None and not _external:
            raise ValueError("When specifying '_scheme', '_external' must be True.")

        self.inject_url_defaults(endpoint, values)
        try:
            url = url_adapter.build(
                endpoint,
                values,
                method=_method,
                url_scheme=_scheme,
                force_external=_external,
            )
        except BuildError as error:
            values.update(
                _anchor=_anchor, _method=_method, _scheme=_scheme, _external=_external
            )
            return self.handle_url_build_error(error, endpoint, values)
        if _anchor is not None:
            url = f"{url}#{_quote_anchor(_anchor)}"
        return url

    # -- responses -------------------------------------------------------------------

    def make_response(self, rv: ft.ResponseReturnValue) -> Response:
        """Turn what a view returned into a response object.

        Accepts a response, a string or bytes (the body), a dict or list
        (JSON), an iterator or generator (a streamed body; an async one under
        ASGI), a WSGI callable,
        or a tuple ``(body, status)``, ``(body, headers)`` or
        ``(body, status, headers)``.
        """
        # Most views return a str or a dict: skip the type checks below.
        if type(rv) is str:
            return self.response_class(rv)
        if type(rv) is dict:
            return self.json.response(rv)  # type: ignore[return-value]
        status: t.Any = None
        headers: t.Any = None
        if isinstance(rv, tuple):
            rv, status, headers = _split_response_tuple(rv)

        if rv is None:
            # Unreachable by the types, reached by views that forget to return.
            ctx = request_ctx_var.get(None)  # type: ignore[unreachable]
            endpoint = ctx.request.endpoint if ctx is not None else None
            raise TypeError(
                f"The view function for {endpoint!r} did not return a valid"
                " response. The function either returned None or ended without"
                " a return statement."
            )

        if not isinstance(rv, self.response_class):
            if isinstance(rv, (str, bytes, bytearray, cabc.Iterator, cabc.AsyncIterator)):
                # An async iterator is a body an ASGI server streams.
                rv = self.response_class(rv, status=status, headers=headers)
                status = headers = None
            elif isinstance(rv, (dict, list)):
                rv = self.json.response(rv)
            elif isinstance(rv, HTTPException):
                # Its own response, directly: running it as a WSGI app and
                # reading the output back builds the same response twice.
                environ = request_ctx_var.get().request.environ
                rv = error_response(rv, self.response_class, environ)
            elif isinstance(rv, BaseResponse) or callable(rv):
                try:
                    environ = request_ctx_var.get().request.environ
                    rv = self.response_class.force_type(rv, environ)  # type: ignore[arg-type]
                except TypeError as error:
                    raise TypeError(
                        f"{error}\nThe view function did not return a valid response."
                        f" {_VALID_RETURN_TYPES}, but it was a {type(rv).__name__}."
                    ).with_traceback(sys.exc_info()[2]) from None
            else:
                raise TypeError(
                    "The view function did not return a valid response."
                    f" {_VALID_RETURN_TYPES}, but it was a {type(rv).__name__}."
                )

        response = t.cast(Response, rv)
        if status is not None:
            if isinstance(status, (str, bytes, bytearray)):
                response.status = status  # type: ignore[assignment]
            else:
                response.status_code = status
        if headers:
            response.headers.update(headers)
        return response

    def make_default_options_response(self) -> Response:
        """The answer to an automatic OPTIONS request: the allowed methods."""
        adapter = request_ctx_var.get().url_adapter
        assert adapter is not None
        response = self.response_class()
        response.allow.update(adapter.allowed_methods())
        return response

    # -- the request cycle -------------------------------------------------------------

    def raise_routing_exception(self, request: Request) -> t.NoReturn:
        """Raise the error URL matching stored on ``request``.

        In debug mode, a redirect that would drop a form body (a POST to a
        URL missing its trailing slash) raises an error explaining the fix,
        since browsers would silently resend it as GET.
        """
        error = request.routing_exception
        assert error is not None
        if isinstance(error, WebsocketMismatch) and not request.scheme.startswith("ws"):
            raise UpgradeRequired()
        if (
            not self.debug
            or not isinstance(error, RequestRedirect)
            or error.code in {307, 308}
            or request.method in {"GET", "HEAD", "OPTIONS"}
        ):
            raise error
        raise FormDataRoutingRedirect(request)

    def dispatch_request(self) -> ft.ResponseReturnValue:
        """Call the view of the matched rule and return what it returns."""
        return run_sync(self, pipeline.dispatch(self))

    def preprocess_request(self) -> ft.ResponseReturnValue | None:
        """Run URL value preprocessors, then ``before_request`` functions.

        The app's run first, then each blueprint's, outermost first. The
        first non-``None`` value returned ends the request with it.
        """
        # Most apps register neither: not even the steps are made.
        if not self.url_value_preprocessors and not self.before_request_funcs:
            return None
        return run_sync(self, pipeline.preprocess(self))

    def process_response(self, response: Response) -> Response:
        """Run ``after_request`` functions on ``response`` and save the session.

        Functions from ``after_this_request`` run first, then the innermost
        blueprint's, then the app's; within a scope, the last registered
        runs first.
        """
        return run_sync(self, pipeline.process_response(self, response))

    def full_dispatch_request(self) -> Response:
        """Dispatch the request with hooks and error handling; return the response."""
        return run_sync(self, pipeline.full_dispatch(self))

    def finalize_request(
        self,
        rv: ft.ResponseReturnValue | HTTPException,
        from_error_handler: bool = False,
    ) -> Response:
        """Make a response from ``rv`` and run the response hooks on it.

        While handling an unhandled error (``from_error_handler``), a failure
        in the hooks is logged instead of raised, so the 500 still goes out.
        """
        return run_sync(self, pipeline.finalize(self, rv, from_error_handler))

    # -- errors ----------------------------------------------------------------------------

    def handle_http_exception(
        self, e: HTTPException
    ) -> HTTPException | ft.ResponseReturnValue:
        """Answer an HTTP error with its registered handler, or as itself."""
        return run_sync(self, pipeline.handle_http_exception(self, e))

    def handle_user_exception(
        self, e: Exception
    ) -> HTTPException | ft.ResponseReturnValue:
        """Handle an error raised while dispatching, or re-raise it.

        HTTP errors go to :meth:`handle_http_exception` unless trapped;
        other errors go to a registered handler, else propagate to
        :meth:`handle_exception`.
        """
        return run_sync(self, pipeline.handle_user_exception(self, e))

    def handle_exception(self, e: Exception) -> Response:
        """Answer an unhandled error with 500, or let it propagate.

        It propagates (to the test client or the debugger) when
        ``PROPAGATE_EXCEPTIONS`` is set, or in testing or debug mode.
        Otherwise it is logged and answered by the 500 handler, which
        receives an :exc:`~werkzeug.exceptions.InternalServerError` whose
        ``original_exception`` is the error.
        """
        return run_sync(self, pipeline.handle_exception(self, e))

    def log_exception(self, exc_info: t.Any) -> None:
        """Log an unhandled error with the request's path and method."""
        request = request_ctx_var.get().request
        self.logger.error(
            f"Exception on {request.path} [{request.method}]", exc_info=exc_info
        )

    # -- teardown --------------------------------------------------------------------------

    def do_teardown_request(self, exc: BaseException | None = None) -> None:
        """Run the ``teardown_request`` functions, every one even if some fail.

        The innermost blueprint's run first, then the app's; within a
        scope, the last registered runs first.
        """
        # Nothing registered and nobody listening: not even the steps are
        # made (the general path, pipeline.teardown_request, would run none).
        if self.teardown_request_funcs or signals_hub.request_tearing_down.receivers:
            run_sync(self, pipeline.teardown_request(self, exc))

    def do_teardown_appcontext(self, exc: BaseException | None = None) -> None:
        """Run the ``teardown_appcontext`` functions, every one even if some fail."""
        if (
            self.teardown_appcontext_funcs
            or signals_hub.appcontext_tearing_down.receivers
        ):
            run_sync(self, pipeline.teardown_appcontext(self, exc))

    # -- templates -------------------------------------------------------------------------

    def update_template_context(self, context: dict[str, t.Any]) -> None:
        """Add the default names and context processors' values to ``context``.

        The defaults are ``config``, ``g``, ``url_for`` and, in a request,
        ``request`` and ``session``. Values the caller passed win over both.
        """
        passed = context.copy()
        context.update(config=self.config, g=proxies.g, url_for=url_for)
        processors = self.template_context_processors
        scopes: tuple[str | None, ...] = (None,)
        req_ctx = request_ctx_var.get(None)
        if req_ctx is not None:
            context.update(request=proxies.request, session=proxies.session)
            # The request's blueprints matter only when a blueprint
            # registered processors; reading them builds a list.
            if any(scope is not None for scope in processors):
                scopes = (None, *reversed(req_ctx.request.blueprints))  # type: ignore[attr-defined]
        for scope in scopes:
            for processor in processors.get(scope, ()):
                context.update(self._sync(processor)())
        if passed:
            context.update(passed)

    def make_shell_context(self) -> dict[str, t.Any]:
        """The names ``erlen shell`` starts with: ``app``, ``g``, then the
        values of the ``shell_context_processor`` functions."""
        from erlen_contexts import g

        context: dict[str, t.Any] = {"app": self, "g": g}
        for processor in self.shell_context_processors:
            context.update(processor())
        return context

    # -- serving ---------------------------------------------------------------------------

    def run(
        self,
        host: str | None = None,
        port: int | None = None,
        debug: bool | None = None,
        load_dotenv: bool = True,
        **options: t.Any,
    ) -> None:
        """Serve the app with Werkzeug's development server. Not for production.

        :param host: the interface to listen on; ``127.0.0.1`` by default,
            else the host part of ``SERVER_NAME``.
        :param port: the port; ``5000`` by default, else from ``SERVER_NAME``.
        :param debug: turn debug mode on or off (reloader and debugger).
        :param load_dotenv: accepted for Flask compatibility; ``.env`` files
            are loaded by the ``erlen`` command.
        :param options: passed to :func:`werkzeug.serving.run_simple`.
        """
        if os.environ.get(f"{self.env_prefix}_RUN_FROM_CLI") == "true":
            # The command line serves the app itself; an unguarded app.run()
            # met while it imports the app would block `run` or `shell`.
            from werkzeug.serving import is_running_from_reloader

            if not is_running_from_reloader():
                print(
                    " * Ignoring a call to 'app.run()' that would block the current"
                    f" '{self.env_prefix.lower()}' command. Only call 'app.run()'"
                    " in an 'if __name__ == \"__main__\":' guard.",
                    file=sys.stderr,
                )
            return
        if debug is not None:
            self.debug = bool(debug)
        server_name = self.config["SERVER_NAME"] or ""
        sn_host, _, sn_port = server_name.partition(":")
        host = host or sn_host or "127.0.0.1"
        # Port 0 is a choice (any free port), not a missing value.
        port = int(port if port is not None else sn_port or 5000)
        options.setdefault("use_reloader", self.debug)
        options.setdefault("use_debugger", self.debug)
        options.setdefault("threaded", True)

        from werkzeug.serving import run_simple

        try:
            run_simple(host, port, self, **options)
        finally:
            # Requests may be served again, by a reloaded process or a test.
            self._got_first_request = False

    def wsgi_app(
        self, environ: WSGIEnvironment, start_response: StartResponse
    ) -> cabc.Iterable[bytes]:
        """The WSGI application; wrap this, not the app, with middleware.

        ``app.wsgi_app = ProxyFix(app.wsgi_app)`` keeps the app object
        itself, and its methods, available.
        """
        ctx = self.request_context(environ)
        errors: list[BaseException] = []
        body: cabc.Iterable[bytes] | None = None
        try:
            response = run_sync(self, pipeline.respond(self, ctx, errors))
            body = response(environ, start_response)
            return body
        except BaseException as error:
            if not errors:
                errors.append(error)
            raise
        finally:
            if "werkzeug.debug.preserve_context" in environ:
                environ["werkzeug.debug.preserve_context"](app_ctx_var.get())
                environ["werkzeug.debug.preserve_context"](request_ctx_var.get())
            if body is None and ctx.streams:
                # No body goes out: nothing will send or close them.
                ctx.close_streams()
            ended_by = errors[0] if errors else None
            if ended_by is not None and self.should_ignore_error(ended_by):
                ended_by = None
            ctx.pop(ended_by)

    def __call__(
        self, environ: WSGIEnvironment, start_response: StartResponse
    ) -> cabc.Iterable[bytes]:
        return self.wsgi_app(environ, start_response)


_VALID_RETURN_TYPES = (
    "The return type must be a string, dict, list, tuple with headers or"
    " status, Response instance, or WSGI callable"
)


def _split_response_tuple(rv: tuple[t.Any, ...]) -> tuple[t.Any, t.Any, t.Any]:
    """Split ``(body, status, headers)``, ``(body, status)`` or ``(body, headers)``."""
    if len(rv) == 3:
        return rv
    if len(rv) == 2:
        body, extra = rv
        if isinstance(extra, (Headers, dict, tuple, list)):
            return body, None, extra
        return body, extra, None
    raise TypeError(
        "The view function did not return a valid response tuple. The tuple"
        " must have the form (body, status, headers), (body, status), or"
        " (body, headers)."
    )


def _quote_anchor(anchor: str) -> str:
    from urllib.parse import quote

    return quote(anchor, safe="%!#$&'()*+,/:;=?@")


def _core_environ_builder(app: Erlen, *args: t.Any, **kwargs: t.Any) -> EnvironBuilder:
    """An :class:`EnvironBuilder` whose base URL follows the app's config."""
    # Imported here: Werkzeug's test module is heavy, and serving needs none of it.
    from werkzeug.test import EnvironBuilder

    if "base_url" not in kwargs and not (len(args) > 1):
        path = args[0] if args else kwargs.pop("path", "/")
        args = args[1:]
        base_url, path = app_base_url(
            app, path, kwargs.pop("subdomain", None), kwargs.pop("url_scheme", None)
        )
        kwargs["base_url"] = base_url
        args = (path, *args)
    if "json" in kwargs:
        kwargs["data"] = app.json.dumps(kwargs.pop("json"))
        kwargs.setdefault("content_type", "application/json")
    return EnvironBuilder(*args, **kwargs)
