"""The application's registration logic, without the request cycle.

:class:`App` holds configuration, the URL map, blueprints, extensions and
the lookup rules for error handlers and URL defaults. :class:`erlen.Erlen`
adds everything that needs a WSGI environ or an active context.
"""

from __future__ import annotations

import logging
import os
import sys
import typing as t
from datetime import timedelta

from werkzeug.exceptions import Aborter
from werkzeug.exceptions import BadRequest
from werkzeug.exceptions import BadRequestKeyError
from werkzeug.routing import BuildError
from werkzeug.routing import Map
from werkzeug.routing import Rule
from werkzeug.utils import cached_property
from werkzeug.utils import redirect as _werkzeug_redirect

from ..config import Config
from ..config import ConfigAttribute
from ..json.provider import DefaultJSONProvider
from ..json.provider import JSONProvider
from ..limits import DEFAULT_JSON_DEPTH
from ..logging import create_logger
from .instance import find_instance_path
from .scaffold import endpoint_from_view_func
from .scaffold import registering_decorator
from .scaffold import Scaffold
from .scaffold import setupmethod

if t.TYPE_CHECKING:
    from werkzeug.wrappers import Response as BaseResponse

    from .. import typing as ft
    from .blueprints import Blueprint

T = t.TypeVar("T", bound=t.Callable[..., t.Any])
T_shell_context_processor = t.TypeVar(
    "T_shell_context_processor", bound="ft.ShellContextProcessorCallable"
)
T_teardown = t.TypeVar("T_teardown", bound="ft.TeardownCallable")


def _to_timedelta(value: timedelta | int | None) -> timedelta | None:
    if value is None or isinstance(value, timedelta):
        return value
    return timedelta(seconds=value)


class App(Scaffold):
    """Configuration, routing tables and registries of an application."""

    #: The prefix of environment variables the app reads (``ERLEN_DEBUG``).
    env_prefix: t.ClassVar[str] = "ERLEN"

    aborter_class = Aborter
    config_class = Config
    json_provider_class: type[JSONProvider] = DefaultJSONProvider
    url_rule_class = Rule
    url_map_class = Map
    #: Whether the app is being tested: exceptions propagate to the caller.
    testing = ConfigAttribute[bool]("TESTING")
    #: The key that signs session cookies and other secrets.
    secret_key = ConfigAttribute[str | bytes | None]("SECRET_KEY")
    permanent_session_lifetime = ConfigAttribute[timedelta](
        "PERMANENT_SESSION_LIFETIME",
        get_converter=_to_timedelta,  # type: ignore[arg-type]
    )

    default_config: t.ClassVar[dict[str, t.Any]] = {
        "DEBUG": None,
        "TESTING": False,
        "PROPAGATE_EXCEPTIONS": None,
        "SECRET_KEY": None,
        "SECRET_KEY_FALLBACKS": None,
        "PERMANENT_SESSION_LIFETIME": timedelta(days=31),
        "USE_X_SENDFILE": False,
        "TRUSTED_HOSTS": None,
        "SERVER_NAME": None,
        "APPLICATION_ROOT": "/",
        "SESSION_COOKIE_NAME": "session",
        "SESSION_COOKIE_DOMAIN": None,
        "SESSION_COOKIE_PATH": None,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SECURE": False,
        "SESSION_COOKIE_PARTITIONED": False,
        "SESSION_COOKIE_SAMESITE": None,
        "SESSION_REFRESH_EACH_REQUEST": True,
        "MAX_CONTENT_LENGTH": None,
        "MAX_FORM_MEMORY_SIZE": 500_000,
        "MAX_FORM_PARTS": 1_000,
        # Erlen's own (docs/security.md): nesting depth of request JSON,
        # and the hosts besides the request's own that
        # ``is_safe_redirect_url`` accepts.
        "MAX_JSON_DEPTH": DEFAULT_JSON_DEPTH,
        "SAFE_REDIRECT_HOSTS": None,
        "SEND_FILE_MAX_AGE_DEFAULT": None,
        "TRAP_BAD_REQUEST_ERRORS": None,
        "TRAP_HTTP_EXCEPTIONS": False,
        "EXPLAIN_TEMPLATE_LOADING": False,
        "PREFERRED_URL_SCHEME": "http",
        "TEMPLATES_AUTO_RELOAD": None,
        "MAX_COOKIE_SIZE": 4093,
        "PROVIDE_AUTOMATIC_OPTIONS": True,
        "PLUGINS": None,
    }

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
    ) -> None:
        super().__init__(
            import_name=import_name,
            static_folder=static_folder,
            static_url_path=static_url_path,
            template_folder=template_folder,
            root_path=root_path,
        )
        if instance_path is None:
            instance_path = find_instance_path(
                self.import_name, self.root_path, self.name
            )
        elif not os.path.isabs(instance_path):
            raise ValueError(
                f"'instance_path' must be absolute, not {instance_path!r}:"
                " relative paths would depend on the working directory."
            )
        #: The folder for files that belong to this deployment and are not
        #: under version control: configuration, uploads, a database.
        self.instance_path = instance_path
        self.config = self.make_config(instance_relative_config)
        self.aborter = self.aborter_class()
        self.json: JSONProvider = self.json_provider_class(self)  # type: ignore[arg-type]
        #: Functions called when ``url_for`` fails, before the error is raised.
        self.url_build_error_handlers: list[
            t.Callable[[Exception, str, dict[str, t.Any]], str]
        ] = []
        self.teardown_appcontext_funcs: list[ft.TeardownCallable] = []
        self.shell_context_processors: list[ft.ShellContextProcessorCallable] = []
        #: Called once per worker process when an ASGI server starts serving,
        #: and when it stops (see :meth:`before_serving`).
        self.before_serving_funcs: list[t.Callable[[], t.Any]] = []
        self.after_serving_funcs: list[t.Callable[[], t.Any]] = []
        #: Registered blueprints by their dotted name.
        self.blueprints: dict[str, Blueprint] = {}
        #: Where extensions keep their per-app state, by extension name.
        self.extensions: dict[str, t.Any] = {}
        self.template_filters: dict[str, ft.TemplateFilterCallable] = {}
        self.template_tests: dict[str, ft.TemplateTestCallable] = {}
        self.template_globals: dict[str, ft.TemplateGlobalCallable] = {}
        self.url_map = self.url_map_class(host_matching=host_matching)
        self.subdomain_matching = subdomain_matching
        self._got_first_request = False

    def _check_setup_finished(self, f_name: str) -> None:
        if self._got_first_request:
            raise AssertionError(
                f"The setup method '{f_name}' can no longer be called on the"
                " application. It has already handled its first request, so a"
                " change now would not apply consistently. Make sure all"
                " imports, decorators, functions, etc. needed to set up the"
                " application are done before running it."
            )

    @cached_property
    def name(self) -> str:
        """The app's name: its import name, or the script's name for ``__main__``."""
        if self.import_name == "__main__":
            path: str | None = getattr(sys.modules["__main__"], "__file__", None)
            if path is None:
                return "__main__"
            return os.path.splitext(os.path.basename(path))[0]
        return self.import_name

    @cached_property
    def logger(self) -> logging.Logger:
        """The :mod:`logging` logger named after the app."""
        return create_logger(self)

    def make_config(self, instance_relative: bool = False) -> Config:
        """Create ``app.config`` with the defaults and the debug flag from the environment."""
        root_path = self.instance_path if instance_relative else self.root_path
        defaults = dict(self.default_config)
        defaults["DEBUG"] = _env_flag(f"{self.env_prefix}_DEBUG")
        return self.config_class(root_path, defaults)

    @property
    def debug(self) -> bool:
        """Debug mode: detailed errors, reloading, debug logging. ``DEBUG`` in config.

        Never enable it in production: the debugger runs arbitrary code.
        """
        return bool(self.config["DEBUG"])

    @debug.setter
    def debug(self, value: bool) -> None:
        self.config["DEBUG"] = value

    @property
    def propagate_exceptions(self) -> bool:
        """Whether unhandled errors reach the server: ``PROPAGATE_EXCEPTIONS``,
        else on in testing and debug modes."""
        value = self.config["PROPAGATE_EXCEPTIONS"]
        if value is not None:
            return bool(value)
        return self.testing or self.debug

    # -- routes and blueprints ---------------------------------------------

    @setupmethod
    def add_url_rule(
        self,
        rule: str,
        endpoint: str | None = None,
        view_func: ft.RouteCallable | None = None,
        provide_automatic_options: bool | None = None,
        **options: t.Any,
    ) -> None:
        """Register ``rule`` for ``endpoint``, with ``view_func`` if given.

        :param rule: the URL rule, with converters such as ``<int:id>``.
        :param endpoint: the name used by ``url_for``; defaults to the
            view function's name.
        :param view_func: the function that handles matching requests.
        :param provide_automatic_options: answer OPTIONS automatically;
            defaults to ``PROVIDE_AUTOMATIC_OPTIONS`` unless the view lists it.
        :param options: passed to :class:`werkzeug.routing.Rule`: ``methods``,
            ``defaults``, ``subdomain``, ``host``, ``strict_slashes``, ...
        """
        if endpoint is None:
            endpoint = endpoint_from_view_func(view_func)
        options["endpoint"] = endpoint
        methods = options.pop("methods", None)
        if methods is None:
            methods = getattr(view_func, "methods", None) or ("GET",)
        if isinstance(methods, str):
            raise TypeError(
                "Allowed methods must be a list of strings, for example:"
                ' @app.route(..., methods=["POST"])'
            )
        methods = {method.upper() for method in methods}
        required_methods = set(getattr(view_func, "required_methods", ()))

        if provide_automatic_options is None:
            provide_automatic_options = getattr(
                view_func, "provide_automatic_options", None
            )
        if provide_automatic_options is None:
            provide_automatic_options = (
                "OPTIONS" not in methods and self.config["PROVIDE_AUTOMATIC_OPTIONS"]
            )
        if provide_automatic_options:
            required_methods.add("OPTIONS")

        rule_obj = self.url_rule_class(
            rule, methods=methods | required_methods, **options
        )
        rule_obj.provide_automatic_options = provide_automatic_options  # type: ignore[attr-defined]
        self.url_map.add(rule_obj)

        if view_func is not None:
            existing = self.view_functions.get(endpoint)
            if existing is not None and existing != view_func:
                raise AssertionError(
                    "View function mapping is overwriting an existing endpoint"
                    f" function: {endpoint}. Give one of the views another"
                    " endpoint name with 'endpoint='."
                )
            self.view_functions[endpoint] = view_func

    @setupmethod
    def register_blueprint(self, blueprint: Blueprint, **options: t.Any) -> None:
        """Register ``blueprint``'s routes, hooks and handlers on the app.

        :param options: override the blueprint's ``url_prefix``,
            ``subdomain``, ``url_defaults``, ``name`` and ``cli_group`` for
            this registration.
        """
        blueprint.register(self, options)

    def iter_blueprints(self) -> t.ValuesView[Blueprint]:
        """The registered blueprints, in registration order."""
        return self.blueprints.values()

    # -- templates (recorded here, used by the templating plugin) -----------

    def _named(
        self, registry: dict[str, t.Any], f: t.Callable[..., t.Any], name: str | None
    ) -> None:
        registry[name or f.__name__] = f

    @setupmethod
    def before_serving(self, f: T) -> T:
        """Register ``f`` to run once when an ASGI server starts serving the app.

        The ASGI ``lifespan`` startup of each worker process calls it, in an
        app context, before the first request: open a connection pool here.
        ``async def`` functions run on the server's event loop. A WSGI server
        has no such event, so there it is never called.
        """
        self.before_serving_funcs.append(f)
        return f

    @setupmethod
    def after_serving(self, f: T) -> T:
        """Register ``f`` to run once when an ASGI server stops serving the app,
        in the lifespan shutdown of each worker process (close the pool here)."""
        self.after_serving_funcs.append(f)
        return f

    @setupmethod
    def template_filter(self, name: str | None = None) -> t.Callable[[T], T]:
        """Decorate a template filter, named ``name`` or after the function."""
        return registering_decorator(self.add_template_filter, name)

    @setupmethod
    def add_template_filter(
        self, f: ft.TemplateFilterCallable, name: str | None = None
    ) -> None:
        """Register a template filter, named ``name`` or after the function."""
        self._named(self.template_filters, f, name)

    @setupmethod
    def template_test(self, name: str | None = None) -> t.Callable[[T], T]:
        """Decorate a template test, named ``name`` or after the function."""
        return registering_decorator(self.add_template_test, name)

    @setupmethod
    def add_template_test(
        self, f: ft.TemplateTestCallable, name: str | None = None
    ) -> None:
        """Register a template test, named ``name`` or after the function."""
        self._named(self.template_tests, f, name)

    @setupmethod
    def template_global(self, name: str | None = None) -> t.Callable[[T], T]:
        """Decorate a template global, named ``name`` or after the function."""
        return registering_decorator(self.add_template_global, name)

    @setupmethod
    def add_template_global(
        self, f: ft.TemplateGlobalCallable, name: str | None = None
    ) -> None:
        """Register a template global, named ``name`` or after the function."""
        self._named(self.template_globals, f, name)

    # -- other hooks ---------------------------------------------------------

    @setupmethod
    def teardown_appcontext(self, f: T_teardown) -> T_teardown:
        """Run ``f(exc)`` when each app context is popped, even after an error."""
        self.teardown_appcontext_funcs.append(f)
        return f

    @setupmethod
    def shell_context_processor(
        self, f: T_shell_context_processor
    ) -> T_shell_context_processor:
        """Add the dict ``f`` returns to the names of ``erlen shell``."""
        self.shell_context_processors.append(f)
        return f

    # -- lookups -------------------------------------------------------------

    def _find_error_handler(
        self, e: Exception, blueprints: list[str]
    ) -> ft.ErrorHandlerCallable | None:
        """Find the handler for ``e``: by status code before class, innermost
        blueprint before the app, most specific class first."""
        exc_class, code = self._get_exc_class_and_code(type(e))
        scopes = (*blueprints, None)
        for handler_code in (code, None) if code is not None else (None,):
            for scope in scopes:
                handlers = self.error_handler_spec[scope][handler_code]
                if not handlers:
                    continue
                for cls in exc_class.__mro__:
                    handler = handlers.get(cls)
                    if handler is not None:
                        return handler
        return None

    def trap_http_exception(self, e: Exception) -> bool:
        """Whether an HTTP error should be raised instead of handled.

        ``TRAP_HTTP_EXCEPTIONS`` traps all; ``TRAP_BAD_REQUEST_ERRORS`` traps
        400s, and by default traps missing form keys in debug mode so the
        traceback shows which key.
        """
        if self.config["TRAP_HTTP_EXCEPTIONS"]:
            return True
        trap_bad_request = self.config["TRAP_BAD_REQUEST_ERRORS"]
        if (
            trap_bad_request is None
            and self.debug
            and isinstance(e, BadRequestKeyError)
        ):
            return True
        if trap_bad_request:
            return isinstance(e, BadRequest)
        return False

    def should_ignore_error(self, error: BaseException | None) -> bool:
        """Whether teardown functions should not see ``error``; never, by default."""
        return False

    def redirect(self, location: str, code: int = 302) -> BaseResponse:
        """Make a redirect response; :func:`erlen.redirect` calls this."""
        return _werkzeug_redirect(location, code=code, Response=self.response_class)  # type: ignore[attr-defined]

    def inject_url_defaults(self, endpoint: str, values: dict[str, t.Any]) -> None:
        """Let the ``url_defaults`` functions of the app and of the endpoint's
        blueprints fill in ``values``."""
        scopes: list[str | None] = [None]
        if "." in endpoint:
            parts = endpoint.split(".")[:-1]
            scopes.extend(".".join(parts[: i + 1]) for i in range(len(parts)))
        for scope in scopes:
            for func in self.url_default_functions.get(scope, ()):
                func(endpoint, values)

    def handle_url_build_error(
        self, error: BuildError, endpoint: str, values: dict[str, t.Any]
    ) -> str:
        """Give ``url_build_error_handlers`` a chance, else raise ``error``."""
        for handler in self.url_build_error_handlers:
            try:
                url = handler(error, endpoint, values)
            except BuildError as new_error:
                error = new_error
                continue
            if url is not None:
                return url
        if error is sys.exc_info()[1]:
            raise
        raise error


def _env_flag(name: str) -> bool:
    """Read a boolean environment variable: unset, ``0``, ``false``, ``no`` are off."""
    value = os.environ.get(name, "")
    return bool(value) and value.lower() not in {"0", "false", "no"}
