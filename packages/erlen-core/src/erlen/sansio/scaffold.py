"""What applications and blueprints have in common: registration.

An application and a blueprint both collect views, request hooks, error
handlers and URL processors. They keep them in dictionaries keyed by
*scope*: ``None`` for the application itself, or a blueprint's dotted name.
A blueprint's own scope is ``None`` until it is registered; registration
re-keys its entries under the name it was registered with.
"""

from __future__ import annotations

import os
import typing as t
from collections import defaultdict

from werkzeug.exceptions import default_exceptions
from werkzeug.exceptions import HTTPException

from .paths import get_root_path

if t.TYPE_CHECKING:
    from .. import typing as ft

    #: Error handlers of one scope: status code (or ``None``) -> class -> handler.
    ErrorHandlerMap = dict[
        int | None, dict[type[BaseException], ft.ErrorHandlerCallable]
    ]

# The bounds are names for type checkers: importing erlen.typing at start-up
# costs more than the rest of this module.
F = t.TypeVar("F", bound=t.Callable[..., t.Any])
T_after_request = t.TypeVar("T_after_request", bound="ft.AfterRequestCallable[t.Any]")
T_before_request = t.TypeVar("T_before_request", bound="ft.BeforeRequestCallable")
T_error_handler = t.TypeVar("T_error_handler", bound="ft.ErrorHandlerCallable")
T_teardown = t.TypeVar("T_teardown", bound="ft.TeardownCallable")
T_template_context_processor = t.TypeVar(
    "T_template_context_processor", bound="ft.TemplateContextProcessorCallable"
)
T_url_defaults = t.TypeVar("T_url_defaults", bound="ft.URLDefaultCallable")
T_url_value_preprocessor = t.TypeVar(
    "T_url_value_preprocessor", bound="ft.URLValuePreprocessorCallable"
)
T_route = t.TypeVar("T_route", bound="ft.RouteCallable")


def setupmethod(f: F) -> F:
    """Mark a method that changes setup, refused once setup is finished.

    A change made after an application has served a request, or after a
    blueprint has been registered, would apply to some requests and not
    others; failing loudly is kinder than a heisenbug.
    """
    name = f.__name__

    def wrapper(self: Scaffold, *args: t.Any, **kwargs: t.Any) -> t.Any:
        self._check_setup_finished(name)
        return f(self, *args, **kwargs)

    wrapper.__name__ = name
    wrapper.__qualname__ = f.__qualname__
    wrapper.__doc__ = f.__doc__
    wrapper.__wrapped__ = f  # type: ignore[attr-defined]
    return t.cast(F, wrapper)


def endpoint_from_view_func(view_func: t.Callable[..., t.Any] | None) -> str:
    """The default endpoint of a view: its function name."""
    if view_func is None:
        raise TypeError(
            "An endpoint is required when no view function is given:"
            " add_url_rule(rule, endpoint='name')."
        )
    return view_func.__name__


def registering_decorator(
    add: t.Callable[..., None], name: str | None
) -> t.Callable[[F], F]:
    """A decorator that registers its function with ``add(f, name=name)``.

    Serves the ``template_filter``-style decorators, which differ only in
    where they register.
    """

    def decorator(f: F) -> F:
        add(f, name=name)
        return f

    return decorator


class Scaffold:
    """The registration API shared by :class:`~erlen.Erlen` and blueprints.

    :param import_name: the module the object is defined in, usually
        ``__name__``; relative folders resolve against its location.
    :param static_folder: folder with static files, relative to
        ``root_path``; ``None`` for none.
    :param static_url_path: URL prefix of static files; defaults to
        ``"/" + basename(static_folder)``.
    :param template_folder: folder with templates, relative to ``root_path``.
    :param root_path: the folder everything else is relative to, when it
        cannot be found from ``import_name``.
    """

    name: str
    _static_folder: str | None = None
    _static_url_path: str | None = None

    def __init__(
        self,
        import_name: str,
        static_folder: str | os.PathLike[str] | None = None,
        static_url_path: str | None = None,
        template_folder: str | os.PathLike[str] | None = None,
        root_path: str | None = None,
    ) -> None:
        self.import_name = import_name
        self.static_folder = static_folder
        self.static_url_path = static_url_path
        self.template_folder = template_folder
        if root_path is None:
            root_path = get_root_path(self.import_name)
        self.root_path = root_path

        self.view_functions: dict[str, ft.RouteCallable] = {}
        self.error_handler_spec: dict[ft.AppOrBlueprintKey, ErrorHandlerMap] = (
            defaultdict(lambda: defaultdict(dict))
        )
        self.before_request_funcs: dict[
            ft.AppOrBlueprintKey, list[ft.BeforeRequestCallable]
        ] = defaultdict(list)
        self.after_request_funcs: dict[
            ft.AppOrBlueprintKey, list[ft.AfterRequestCallable[t.Any]]
        ] = defaultdict(list)
        self.teardown_request_funcs: dict[
            ft.AppOrBlueprintKey, list[ft.TeardownCallable]
        ] = defaultdict(list)
        self.template_context_processors: dict[
            ft.AppOrBlueprintKey, list[ft.TemplateContextProcessorCallable]
        ] = defaultdict(list)
        self.url_value_preprocessors: dict[
            ft.AppOrBlueprintKey, list[ft.URLValuePreprocessorCallable]
        ] = defaultdict(list)
        self.url_default_functions: dict[
            ft.AppOrBlueprintKey, list[ft.URLDefaultCallable]
        ] = defaultdict(list)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name!r}>"

    def _check_setup_finished(self, f_name: str) -> None:
        raise NotImplementedError

    # -- folders --------------------------------------------------------

    @property
    def static_folder(self) -> str | None:
        """The absolute path of the static folder, or ``None``."""
        if self._static_folder is None:
            return None
        return os.path.join(self.root_path, self._static_folder)

    @static_folder.setter
    def static_folder(self, value: str | os.PathLike[str] | None) -> None:
        if value is not None:
            value = os.fspath(value).rstrip(r"\/")
        self._static_folder = value

    @property
    def has_static_folder(self) -> bool:
        """Whether a static folder is set (it need not exist yet)."""
        return self._static_folder is not None

    @property
    def static_url_path(self) -> str | None:
        """The URL prefix the static route is registered under."""
        if self._static_url_path is not None:
            return self._static_url_path
        if self._static_folder is not None:
            basename = os.path.basename(self._static_folder)
            return f"/{basename}".rstrip("/")
        return None

    @static_url_path.setter
    def static_url_path(self, value: str | None) -> None:
        if value is not None:
            value = value.rstrip("/")
        self._static_url_path = value

    # -- routes -----------------------------------------------------------

    def _method_route(
        self, method: str, rule: str, options: dict[str, t.Any]
    ) -> t.Callable[[T_route], T_route]:
        if "methods" in options:
            raise TypeError(
                f"'{method.lower()}' already sets the method; use 'route' to"
                " pass 'methods'."
            )
        return self.route(rule, methods=[method], **options)

    @setupmethod
    def get(self, rule: str, **options: t.Any) -> t.Callable[[T_route], T_route]:
        """Shortcut for :meth:`route` with ``methods=["GET"]``."""
        return self._method_route("GET", rule, options)

    @setupmethod
    def post(self, rule: str, **options: t.Any) -> t.Callable[[T_route], T_route]:
        """Shortcut for :meth:`route` with ``methods=["POST"]``."""
        return self._method_route("POST", rule, options)

    @setupmethod
    def put(self, rule: str, **options: t.Any) -> t.Callable[[T_route], T_route]:
        """Shortcut for :meth:`route` with ``methods=["PUT"]``."""
        return self._method_route("PUT", rule, options)

    @setupmethod
    def delete(self, rule: str, **options: t.Any) -> t.Callable[[T_route], T_route]:
        """Shortcut for :meth:`route` with ``methods=["DELETE"]``."""
        return self._method_route("DELETE", rule, options)

    @setupmethod
    def patch(self, rule: str, **options: t.Any) -> t.Callable[[T_route], T_route]:
        """Shortcut for :meth:`route` with ``methods=["PATCH"]``."""
        return self._method_route("PATCH", rule, options)

    @setupmethod
    def websocket(
        self, rule: str, **options: t.Any
    ) -> t.Callable[[T_route], T_route]:
        """Decorate an ``async def`` view that serves WebSocket connections to ``rule``.

        It is served by ``app.asgi`` (erlen-asgi), where the view talks
        through ``erlen.websocket``; an HTTP request to ``rule`` is answered
        with 426 Upgrade Required, under WSGI as under ASGI.
        """
        return self.route(rule, websocket=True, **options)

    @setupmethod
    def route(self, rule: str, **options: t.Any) -> t.Callable[[T_route], T_route]:
        """Decorate a view function to serve the URL ``rule``.

        Options are those of :meth:`add_url_rule`; the endpoint defaults to
        the function's name.
        """

        def decorator(f: T_route) -> T_route:
            endpoint = options.pop("endpoint", None)
            self.add_url_rule(rule, endpoint, f, **options)
            return f

        return decorator

    @setupmethod
    def add_url_rule(
        self,
        rule: str,
        endpoint: str | None = None,
        view_func: ft.RouteCallable | None = None,
        provide_automatic_options: bool | None = None,
        **options: t.Any,
    ) -> None:
        """Register ``rule`` for ``endpoint``, optionally with its view."""
        raise NotImplementedError

    @setupmethod
    def endpoint(self, endpoint: str) -> t.Callable[[F], F]:
        """Decorate the view function of an endpoint added without one."""

        def decorator(f: F) -> F:
            self.view_functions[endpoint] = f
            return f

        return decorator

    # -- request hooks ------------------------------------------------------

    @setupmethod
    def before_request(self, f: T_before_request) -> T_before_request:
        """Run ``f`` before each request; a non-``None`` return is the response."""
        self.before_request_funcs[None].append(f)
        return f

    @setupmethod
    def after_request(self, f: T_after_request) -> T_after_request:
        """Run ``f`` on each response; it must return a response object."""
        self.after_request_funcs[None].append(f)
        return f

    @setupmethod
    def teardown_request(self, f: T_teardown) -> T_teardown:
        """Run ``f`` when each request context is popped, even after an error."""
        self.teardown_request_funcs[None].append(f)
        return f

    @setupmethod
    def context_processor(
        self, f: T_template_context_processor
    ) -> T_template_context_processor:
        """Add the dict ``f`` returns to the context of every template."""
        self.template_context_processors[None].append(f)
        return f

    @setupmethod
    def url_value_preprocessor(
        self, f: T_url_value_preprocessor
    ) -> T_url_value_preprocessor:
        """Let ``f(endpoint, values)`` edit matched URL values before the view."""
        self.url_value_preprocessors[None].append(f)
        return f

    @setupmethod
    def url_defaults(self, f: T_url_defaults) -> T_url_defaults:
        """Let ``f(endpoint, values)`` fill in values when building URLs."""
        self.url_default_functions[None].append(f)
        return f

    # -- error handlers -------------------------------------------------------

    @setupmethod
    def errorhandler(
        self, code_or_exception: type[Exception] | int
    ) -> t.Callable[[T_error_handler], T_error_handler]:
        """Decorate a function that handles an exception class or status code."""

        def decorator(f: T_error_handler) -> T_error_handler:
            self.register_error_handler(code_or_exception, f)
            return f

        return decorator

    @setupmethod
    def register_error_handler(
        self, code_or_exception: type[Exception] | int, f: ft.ErrorHandlerCallable
    ) -> None:
        """Register ``f`` to handle an exception class or HTTP status code."""
        exc_class, code = self._get_exc_class_and_code(code_or_exception)
        self.error_handler_spec[None][code][exc_class] = f

    @staticmethod
    def _get_exc_class_and_code(
        exc_class_or_code: type[Exception] | int,
    ) -> tuple[type[Exception], int | None]:
        """Normalise a handler key to an exception class and its status code."""
        if isinstance(exc_class_or_code, int):
            try:
                # Any: the value comes from users and is checked below.
                exc_class: t.Any = default_exceptions[exc_class_or_code]
            except KeyError:
                raise ValueError(
                    f"'{exc_class_or_code}' is not a recognized HTTP error code."
                    " Use a subclass of HTTPException with that code instead."
                ) from None
        else:
            exc_class = exc_class_or_code

        if isinstance(exc_class, Exception):
            raise TypeError(
                f"{exc_class!r} is an instance, not a class. Handlers can only"
                " be registered for exception classes or HTTP error codes."
            )
        if not isinstance(exc_class, type) or not issubclass(exc_class, Exception):
            # Not every wrong value is a class: say what was given, e.g. '404'.
            is_class = isinstance(exc_class, type)
            label = f"'{exc_class.__name__}'" if is_class else repr(exc_class)
            raise ValueError(
                f"{label} is not a subclass of Exception. Handlers"
                " can only be registered for exception classes or HTTP error"
                " codes."
            )
        if issubclass(exc_class, HTTPException):
            return exc_class, exc_class.code
        return exc_class, None
