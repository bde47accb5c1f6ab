"""Blueprints: a group of routes and hooks registered on an app later.

A blueprint records what should happen as deferred functions; registering
it on an application replays them with a :class:`BlueprintSetupState` that
knows the URL prefix, subdomain and name it is registered under. The same
blueprint can be registered several times under different names.
"""

from __future__ import annotations

import os
import typing as t
from collections import defaultdict

from .scaffold import endpoint_from_view_func
from .scaffold import registering_decorator
from .scaffold import Scaffold
from .scaffold import setupmethod

if t.TYPE_CHECKING:
    from .. import typing as ft
    from .app import App

DeferredSetupFunction = t.Callable[["BlueprintSetupState"], None]
F = t.TypeVar("F", bound=t.Callable[..., t.Any])
T = t.TypeVar("T", bound=t.Callable[..., t.Any])


class BlueprintSetupState:
    """Where one registration of a blueprint puts things on the app."""

    def __init__(
        self,
        blueprint: Blueprint,
        app: App,
        options: dict[str, t.Any],
        first_registration: bool,
    ) -> None:
        self.app = app
        self.blueprint = blueprint
        self.options = options
        #: Whether this is the first time this blueprint is registered on
        #: the app; ``record_once`` functions run only then.
        self.first_registration = first_registration

        subdomain = options.get("subdomain")
        self.subdomain: str | None = (
            blueprint.subdomain if subdomain is None else subdomain
        )
        url_prefix = options.get("url_prefix")
        self.url_prefix: str | None = (
            blueprint.url_prefix if url_prefix is None else url_prefix
        )
        self.name: str = options.get("name", blueprint.name)
        self.name_prefix: str = options.get("name_prefix", "")
        self.url_defaults: dict[str, t.Any] = dict(blueprint.url_values_defaults)
        self.url_defaults.update(options.get("url_defaults", ()))

    def add_url_rule(
        self,
        rule: str,
        endpoint: str | None = None,
        view_func: ft.RouteCallable | None = None,
        **options: t.Any,
    ) -> None:
        """Add a rule to the app, under this registration's prefix and name."""
        if self.url_prefix is not None:
            rule = (
                "/".join((self.url_prefix.rstrip("/"), rule.lstrip("/")))
                if rule
                else self.url_prefix
            )
        options.setdefault("subdomain", self.subdomain)
        if endpoint is None:
            endpoint = endpoint_from_view_func(view_func)
        defaults = self.url_defaults
        if "defaults" in options:
            defaults = {**defaults, **options.pop("defaults")}
        self.app.add_url_rule(
            rule,
            f"{self.name_prefix}.{self.name}.{endpoint}".lstrip("."),
            view_func,
            defaults=defaults,
            **options,
        )


class Blueprint(Scaffold):
    """A set of routes, hooks and handlers to register on an application.

    :param name: the blueprint's name, prefixed to its endpoints
        (``"admin.index"``); must not contain a dot.
    :param url_prefix: path prepended to every rule.
    :param subdomain: subdomain the routes match, with subdomain matching.
    :param url_defaults: default values passed to every view.
    :param cli_group: name of the blueprint's command group under the
        application's CLI; ``None`` merges its commands into the app's group.

    The other parameters are those of the application.
    """

    _got_registered_once = False

    def __init__(
        self,
        name: str,
        import_name: str,
        static_folder: str | os.PathLike[str] | None = None,
        static_url_path: str | None = None,
        template_folder: str | os.PathLike[str] | None = None,
        url_prefix: str | None = None,
        subdomain: str | None = None,
        url_defaults: dict[str, t.Any] | None = None,
        root_path: str | None = None,
        cli_group: str | None = t.cast(str, ...),
    ) -> None:
        super().__init__(
            import_name=import_name,
            static_folder=static_folder,
            static_url_path=static_url_path,
            template_folder=template_folder,
            root_path=root_path,
        )
        if not name:
            raise ValueError("'name' may not be empty.")
        if "." in name:
            raise ValueError(
                f"'name' may not contain a dot '.' character: {name!r}. Nest"
                " blueprints with 'register_blueprint' instead."
            )
        self.name = name
        self.url_prefix = url_prefix
        self.subdomain = subdomain
        self.deferred_functions: list[DeferredSetupFunction] = []
        self.url_values_defaults = url_defaults or {}
        self.cli_group = cli_group
        self._blueprints: list[tuple[Blueprint, dict[str, t.Any]]] = []

    def _check_setup_finished(self, f_name: str) -> None:
        if self._got_registered_once:
            raise AssertionError(
                f"The setup method '{f_name}' can no longer be called on the"
                f" blueprint '{self.name}'. It has already been registered at"
                " least once, so a change now would not apply consistently."
                " Finish setting up the blueprint (imports, decorators, ...)"
                " before registering it."
            )

    @setupmethod
    def record(self, func: DeferredSetupFunction) -> None:
        """Call ``func(state)`` each time the blueprint is registered."""
        self.deferred_functions.append(func)

    @setupmethod
    def record_once(self, func: DeferredSetupFunction) -> None:
        """Call ``func(state)`` on the first registration on each app only."""

        def wrapper(state: BlueprintSetupState) -> None:
            if state.first_registration:
                func(state)

        self.record(wrapper)

    def make_setup_state(
        self, app: App, options: dict[str, t.Any], first_registration: bool = False
    ) -> BlueprintSetupState:
        """Create the state passed to deferred functions on registration."""
        return BlueprintSetupState(self, app, options, first_registration)

    @setupmethod
    def register_blueprint(self, blueprint: Blueprint, **options: t.Any) -> None:
        """Nest ``blueprint`` in this one; it is registered along with it.

        Its name, URL prefix and subdomain are joined to this blueprint's.
        """
        if blueprint is self:
            raise ValueError("Cannot register a blueprint on itself.")
        self._blueprints.append((blueprint, options))

    def register(self, app: App, options: dict[str, t.Any]) -> None:
        """Apply this blueprint to ``app``; called by ``app.register_blueprint``.

        :param options: the keyword arguments given to ``register_blueprint``
            (``url_prefix``, ``subdomain``, ``url_defaults``, ``name``, ...).
        """
        self_name = options.get("name", self.name)
        name = f"{options.get('name_prefix', '')}.{self_name}".lstrip(".")

        if name in app.blueprints:
            which = "this" if app.blueprints[name] is self else "a different"
            where = f" '{name}'" if self_name != name else ""
            raise ValueError(
                f"The name '{self_name}' is already registered for {which}"
                f" blueprint{where}. Use 'name=' to give this registration a"
                " unique name."
            )

        first_bp_registration = not any(bp is self for bp in app.blueprints.values())
        first_name_registration = name not in app.blueprints
        app.blueprints[name] = self
        self._got_registered_once = True
        state = self.make_setup_state(app, options, first_bp_registration)

        if self.has_static_folder:
            state.add_url_rule(
                f"{self.static_url_path}/<path:filename>",
                view_func=self.send_static_file,  # type: ignore[attr-defined]
                endpoint="static",
            )
        if first_bp_registration or first_name_registration:
            self._merge_blueprint_funcs(app, name)
        for deferred in self.deferred_functions:
            deferred(state)
        self._register_cli(app, options)
        for blueprint, nested_options in self._blueprints:
            blueprint.register(
                app, self._nested_options(state, blueprint, nested_options, name)
            )

    def _register_cli(self, app: App, options: dict[str, t.Any]) -> None:
        """Attach this blueprint's commands to the app's CLI, if it has any."""
        commands = self.__dict__.get("cli")
        if commands is None or not getattr(commands, "commands", None):
            return
        commands = self._cli_group_for(app, commands)
        group = options.get("cli_group", self.cli_group)
        app_commands = app.cli  # type: ignore[attr-defined]
        if group is None:
            app_commands.commands.update(commands.commands)
        else:
            commands.name = self.name if group is ... else group
            app_commands.add_command(commands)

    def _cli_group_for(self, app: App, commands: t.Any) -> t.Any:
        """The group holding this blueprint's ``commands`` in ``app``'s CLI.

        The blueprint's own by default; the application layer regroups the
        commands when the app uses another CLI plugin.
        """
        return commands

    @staticmethod
    def _nested_options(
        state: BlueprintSetupState,
        blueprint: Blueprint,
        options: dict[str, t.Any],
        parent_name: str,
    ) -> dict[str, t.Any]:
        """Join a nested blueprint's prefix and subdomain to its parent's."""
        options = options.copy()
        subdomain = options.get("subdomain")
        if subdomain is None:
            subdomain = blueprint.subdomain
        if state.subdomain is not None and subdomain is not None:
            options["subdomain"] = f"{subdomain}.{state.subdomain}"
        elif subdomain is not None or state.subdomain is not None:
            options["subdomain"] = (
                subdomain if subdomain is not None else state.subdomain
            )

        url_prefix = options.get("url_prefix")
        if url_prefix is None:
            url_prefix = blueprint.url_prefix
        if state.url_prefix is not None and url_prefix is not None:
            options["url_prefix"] = (
                f"{state.url_prefix.rstrip('/')}/{url_prefix.lstrip('/')}"
            )
        elif url_prefix is not None or state.url_prefix is not None:
            options["url_prefix"] = (
                url_prefix if url_prefix is not None else state.url_prefix
            )

        options["name_prefix"] = parent_name
        return options

    def _merge_blueprint_funcs(self, app: App, name: str) -> None:
        """Copy this blueprint's hooks and handlers to ``app`` under ``name``."""

        def scoped(key: str | None) -> str:
            return name if key is None else f"{name}.{key}"

        for key, handler_map in self.error_handler_spec.items():
            app.error_handler_spec[scoped(key)] = defaultdict(
                dict, {code: dict(handlers) for code, handlers in handler_map.items()}
            )
        for endpoint, func in self.view_functions.items():
            app.view_functions[endpoint] = func
        hook_tables: tuple[
            tuple[dict[t.Any, list[t.Any]], dict[t.Any, list[t.Any]]], ...
        ] = (
            (self.before_request_funcs, app.before_request_funcs),
            (self.after_request_funcs, app.after_request_funcs),
            (self.teardown_request_funcs, app.teardown_request_funcs),
            (self.url_default_functions, app.url_default_functions),
            (self.url_value_preprocessors, app.url_value_preprocessors),
            (self.template_context_processors, app.template_context_processors),
        )
        for source, target in hook_tables:
            for key, funcs in source.items():
                target[scoped(key)].extend(funcs)

    @setupmethod
    def add_url_rule(
        self,
        rule: str,
        endpoint: str | None = None,
        view_func: ft.RouteCallable | None = None,
        provide_automatic_options: bool | None = None,
        **options: t.Any,
    ) -> None:
        """Record a rule, added to the app under the blueprint's prefix."""
        if endpoint and "." in endpoint:
            raise ValueError(
                f"'endpoint' may not contain a dot '.' character: {endpoint!r}."
            )
        if view_func and hasattr(view_func, "__name__") and "." in view_func.__name__:
            raise ValueError(
                "'view_func' name may not contain a dot '.' character:"
                f" {view_func.__name__!r}."
            )
        self.record(
            lambda state: state.add_url_rule(
                rule,
                endpoint,
                view_func,
                provide_automatic_options=provide_automatic_options,
                **options,
            )
        )

    # -- application-wide registration from a blueprint -------------------------

    def _record_on_app(self, apply: t.Callable[[App], None]) -> None:
        self.record_once(lambda state: apply(state.app))

    @setupmethod
    def app_template_filter(self, name: str | None = None) -> t.Callable[[T], T]:
        """Register an application-wide template filter."""
        return registering_decorator(self.add_app_template_filter, name)

    @setupmethod
    def add_app_template_filter(
        self, f: ft.TemplateFilterCallable, name: str | None = None
    ) -> None:
        """Register an application-wide template filter."""
        self._record_on_app(lambda app: app.add_template_filter(f, name=name))

    @setupmethod
    def app_template_test(self, name: str | None = None) -> t.Callable[[T], T]:
        """Register an application-wide template test."""
        return registering_decorator(self.add_app_template_test, name)

    @setupmethod
    def add_app_template_test(
        self, f: ft.TemplateTestCallable, name: str | None = None
    ) -> None:
        """Register an application-wide template test."""
        self._record_on_app(lambda app: app.add_template_test(f, name=name))

    @setupmethod
    def app_template_global(self, name: str | None = None) -> t.Callable[[T], T]:
        """Register an application-wide template global."""
        return registering_decorator(self.add_app_template_global, name)

    @setupmethod
    def add_app_template_global(
        self, f: ft.TemplateGlobalCallable, name: str | None = None
    ) -> None:
        """Register an application-wide template global."""
        self._record_on_app(lambda app: app.add_template_global(f, name=name))

    @setupmethod
    def before_app_request(self, f: T) -> T:
        """Like :meth:`before_request`, for every request of the app."""
        self._record_on_app(lambda app: app.before_request_funcs[None].append(f))
        return f

    @setupmethod
    def after_app_request(self, f: T) -> T:
        """Like :meth:`after_request`, for every request of the app."""
        self._record_on_app(lambda app: app.after_request_funcs[None].append(f))
        return f

    @setupmethod
    def teardown_app_request(self, f: T) -> T:
        """Like :meth:`teardown_request`, for every request of the app."""
        self._record_on_app(lambda app: app.teardown_request_funcs[None].append(f))
        return f

    @setupmethod
    def app_context_processor(self, f: T) -> T:
        """Like :meth:`context_processor`, for every template of the app."""
        self._record_on_app(lambda app: app.template_context_processors[None].append(f))
        return f

    @setupmethod
    def app_errorhandler(self, code: type[Exception] | int) -> t.Callable[[T], T]:
        """Like :meth:`errorhandler`, for errors anywhere in the app."""

        def decorator(f: T) -> T:
            self._record_on_app(lambda app: app.register_error_handler(code, f))
            return f

        return decorator

    @setupmethod
    def app_url_value_preprocessor(self, f: T) -> T:
        """Like :meth:`url_value_preprocessor`, for every request of the app."""
        self._record_on_app(lambda app: app.url_value_preprocessors[None].append(f))
        return f

    @setupmethod
    def app_url_defaults(self, f: T) -> T:
        """Like :meth:`url_defaults`, for every URL the app builds."""
        self._record_on_app(lambda app: app.url_default_functions[None].append(f))
        return f
