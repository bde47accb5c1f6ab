"""Class-based views: :class:`View`, and :class:`MethodView` by HTTP method."""

from __future__ import annotations

import typing as t

from erlen_contexts import app_ctx_var
from erlen_contexts import request_ctx_var

if t.TYPE_CHECKING:
    from . import typing as ft


HTTP_METHOD_FUNCS = frozenset(
    ["get", "post", "head", "options", "delete", "put", "trace", "patch"]
)


class View:
    """A view as a class: subclass it, implement :meth:`dispatch_request`.

    Register it with ``app.add_url_rule(rule, view_func=MyView.as_view(name))``.
    By default a new instance handles each request, so it is safe to store
    request data on ``self``; set :attr:`init_every_request` to ``False`` to
    reuse one instance, which is faster but shared across requests.
    """

    #: Methods the view answers, used when registering it.
    methods: t.ClassVar[t.Collection[str] | None] = None
    #: Whether to answer OPTIONS automatically; ``None`` follows the app.
    provide_automatic_options: t.ClassVar[bool | None] = None
    #: Decorators applied, in order, to the function :meth:`as_view` returns.
    decorators: t.ClassVar[list[t.Callable[..., t.Any]]] = []
    #: Whether each request gets a new instance.
    init_every_request: t.ClassVar[bool] = True

    def dispatch_request(self) -> ft.ResponseReturnValue:
        """Handle the request; URL values arrive as keyword arguments."""
        raise NotImplementedError

    @classmethod
    def as_view(
        cls, name: str, *class_args: t.Any, **class_kwargs: t.Any
    ) -> ft.RouteCallable:
        """Return a view function that dispatches to an instance of the class.

        ``class_args`` and ``class_kwargs`` are passed to the constructor.
        """
        if cls.init_every_request:

            def view(**kwargs: t.Any) -> ft.ResponseReturnValue:
                instance = view.view_class(*class_args, **class_kwargs)  # type: ignore[attr-defined]
                return _app().ensure_sync(instance.dispatch_request)(**kwargs)  # type: ignore[no-any-return]

        else:
            instance = cls(*class_args, **class_kwargs)

            def view(**kwargs: t.Any) -> ft.ResponseReturnValue:
                return _app().ensure_sync(instance.dispatch_request)(**kwargs)  # type: ignore[no-any-return]

        if cls.decorators:
            view.__name__ = name
            view.__module__ = cls.__module__
            for decorator in cls.decorators:
                view = decorator(view)

        # Registration reads these from the function to set up the rule.
        view.view_class = cls  # type: ignore[attr-defined]
        view.__name__ = name
        view.__doc__ = cls.__doc__
        view.__module__ = cls.__module__
        view.methods = cls.methods  # type: ignore[attr-defined]
        view.provide_automatic_options = cls.provide_automatic_options  # type: ignore[attr-defined]
        return view


def _app() -> t.Any:
    return app_ctx_var.get().app


class MethodView(View):
    """A view that dispatches to the method named like the HTTP method.

    ``get``, ``post`` and so on; :attr:`methods` is filled in from the
    methods the class defines. HEAD falls back to ``get``.
    """

    def __init_subclass__(cls, **kwargs: t.Any) -> None:
        super().__init_subclass__(**kwargs)
        if "methods" in cls.__dict__:
            return
        methods: set[str] = set()
        for base in cls.__bases__:
            methods.update(getattr(base, "methods", None) or ())
        methods.update(name.upper() for name in HTTP_METHOD_FUNCS if hasattr(cls, name))
        if methods:
            cls.methods = methods

    def dispatch_request(self, **kwargs: t.Any) -> ft.ResponseReturnValue:
        method_name = request_ctx_var.get().request.method.lower()
        handler = getattr(self, method_name, None)
        if handler is None and method_name == "head":
            handler = getattr(self, "get", None)
        if handler is None:
            raise AssertionError(
                f"{type(self).__name__} has no method for {method_name.upper()!r}."
            )
        return _app().ensure_sync(handler)(**kwargs)  # type: ignore[no-any-return]
