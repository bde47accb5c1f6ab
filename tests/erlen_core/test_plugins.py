"""The plugin registry: finding, choosing, validating and loading plugins.

The installed fixture distribution ``erlen-test-plugins`` declares two entry
points: ``memory`` (a working sessions plugin) and ``broken`` (a templating
plugin without ``create_engine``). First-party plugins may be installed in
the same environment, so tests that depend on what is installed either
choose a plugin by name or use a fresh :class:`Registry`.
"""

from __future__ import annotations

import importlib.metadata
import sys
import types
import typing as t
from pathlib import Path

import pytest
from erlen_test_plugins.sessions import MemorySessionInterface
from erlen_test_plugins.sessions import MemorySessions
from werkzeug.test import Client
from werkzeug.test import EnvironBuilder

import erlen.plugins
from erlen import Blueprint
from erlen import Erlen
from erlen import render_template
from erlen import render_template_string
from erlen import session
from erlen import stream_template
from erlen import stream_template_string
from erlen.plugins import AmbiguousPluginError
from erlen.plugins import InvalidPluginError
from erlen.plugins import MissingPluginError
from erlen.plugins import PluginError
from erlen.plugins import Registry
from erlen.plugins import UnknownPluginError
from erlen.plugins.signals import NullSignal
from erlen.plugins.signals import SIGNAL_NAMES
from erlen.plugins.signals import SignalHub

MEMORY = "erlen_test_plugins.sessions:plugin"


def use_registry(monkeypatch: pytest.MonkeyPatch, replacement: Registry) -> Registry:
    """Make every part of core that holds the process registry use ``replacement``.

    Restored by ``monkeypatch`` after the test, so the process registry and
    its cache are never changed.
    """
    process_registry = erlen.plugins.registry
    for name, module in list(sys.modules.items()):
        if name == "erlen" or name.startswith("erlen."):
            if getattr(module, "registry", None) is process_registry:
                monkeypatch.setattr(module, "registry", replacement)
    return replacement


@pytest.fixture
def empty_registry(monkeypatch: pytest.MonkeyPatch) -> Registry:
    """Core as it is with no plugin installed; tests may register some."""
    return use_registry(monkeypatch, Registry(discover=False))


def visits_app(*args: t.Any, **kwargs: t.Any) -> Erlen:
    """An app that counts a visitor's POSTs in the session."""
    app = Erlen(__name__, *args, **kwargs)
    app.testing = True

    @app.post("/visits")
    def visit() -> str:
        session["visits"] = session.get("visits", 0) + 1
        return "counted"

    @app.get("/visits")
    def visits() -> str:
        return str(session.get("visits", 0))

    return app


def assert_memory_round_trip(app: Erlen) -> None:
    """Two POSTs and a GET share one server-side session through the cookie."""
    client = Client(app)
    client.post("/visits")
    client.post("/visits")
    assert client.get("/visits").text == "2"

    interface = app.session_interface
    assert isinstance(interface, MemorySessionInterface)
    cookie = client.get_cookie("session")
    assert cookie is not None
    # The cookie carries only the id; the data stays on the server.
    assert "visits" not in cookie.value
    assert interface.store == {cookie.value: {"visits": 2}}
    # Another browser, without the cookie, has its own empty session.
    assert Client(app).get("/visits").text == "0"


def install_distribution(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    entry_points: dict[str, dict[str, str]],
) -> None:
    """Make a distribution with ``entry_points`` visible to importlib.metadata.

    A ``.dist-info`` folder on ``sys.path`` is exactly what an installer
    leaves behind, so the registry reads it as it reads any installed one.
    """
    dist_info = tmp_path / f"{name.replace('-', '_')}-1.0.dist-info"
    dist_info.mkdir()
    dist_info.joinpath("METADATA").write_text(
        f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n"
    )
    lines = []
    for group, names in entry_points.items():
        lines.append(f"[{group}]")
        lines.extend(f"{key} = {value}" for key, value in names.items())
    dist_info.joinpath("entry_points.txt").write_text("\n".join(lines) + "\n")
    monkeypatch.syspath_prepend(str(tmp_path))


class NeedsNoApp:
    def create_session_interface(self) -> MemorySessionInterface:
        return MemorySessionInterface()


class NeedsABackend:
    def create_session_interface(
        self, app: Erlen, backend: str
    ) -> MemorySessionInterface:
        return MemorySessionInterface()


class NeedsAKeyword:
    def create_session_interface(
        self, app: Erlen, *, backend: str
    ) -> MemorySessionInterface:
        return MemorySessionInterface()


# -- registering in code ----------------------------------------------------------


def test_registered_plugin_is_available_and_loads() -> None:
    registry = Registry(discover=False)
    plugin = MemorySessions()
    registry.register("sessions", "memory", plugin)

    info = registry.available("sessions")["memory"]
    assert (info.distribution, info.version, info.value) == (None, None, None)
    assert not info.first_party
    assert registry.load("sessions") is plugin


def test_registering_a_name_again_replaces_the_plugin() -> None:
    registry = Registry(discover=False)
    registry.register("sessions", "memory", MemorySessions())
    second = MemorySessions()
    registry.register("sessions", "memory", second)
    assert registry.load("sessions", "memory") is second


def test_unregistered_plugin_is_forgotten() -> None:
    registry = Registry(discover=False)
    registry.register("sessions", "memory", MemorySessions())
    registry.unregister("sessions", "memory")

    assert registry.available("sessions") == {}
    assert registry.load("sessions") is None
    with pytest.raises(
        MissingPluginError, match=r'pip install "erlen-core\[sessions\]"'
    ):
        registry.require("sessions", needed_by="The session")


def test_process_registry_accepts_plugins_registered_in_code() -> None:
    erlen.plugins.register("sessions", "in-code-memory", MemorySessions())
    try:
        assert "in-code-memory" in erlen.plugins.available("sessions")
        assert_memory_round_trip(visits_app(plugins={"sessions": "in-code-memory"}))
    finally:
        erlen.plugins.unregister("sessions", "in-code-memory")
    assert "in-code-memory" not in erlen.plugins.available("sessions")


def test_object_without_the_method_is_rejected_naming_the_plugin() -> None:
    registry = Registry(discover=False)
    with pytest.raises(InvalidPluginError) as exc_info:
        registry.register("sessions", "nothing", object())
    message = str(exc_info.value)
    assert "'nothing' (registered in code for slot 'sessions')" in message
    assert "does not implement SessionsPlugin" in message
    assert "it has no method 'create_session_interface'" in message
    # A rejected plugin is not left half-registered.
    assert registry.available("sessions") == {}


def test_attribute_that_is_not_callable_is_rejected() -> None:
    plugin = types.SimpleNamespace(create_session_interface="redis://")
    with pytest.raises(
        InvalidPluginError, match="no method 'create_session_interface'"
    ):
        Registry(discover=False).register("sessions", "redis", plugin)


@pytest.mark.parametrize(
    "plugin",
    [NeedsNoApp(), NeedsABackend(), NeedsAKeyword(), MemorySessions],
    ids=["too-few", "too-many", "required-keyword", "class-not-instance"],
)
def test_method_with_wrong_arity_is_rejected(plugin: object) -> None:
    with pytest.raises(InvalidPluginError) as exc_info:
        Registry(discover=False).register("sessions", "odd", plugin)
    assert "its 'create_session_interface' cannot be called with 1 argument(s)" in str(
        exc_info.value
    )


def test_signatures_that_accept_the_call_are_valid() -> None:
    registry = Registry(discover=False)
    module_like = types.SimpleNamespace(
        contract_version="1.0", create_session_interface=lambda app: None
    )

    class Flexible:
        contract_version = "1.0"

        def create_session_interface(self, *args: t.Any, **kwargs: t.Any) -> None: ...

    class WithDefault:
        contract_version = "1.0"

        def create_session_interface(
            self, app: Erlen, backend: str = "memory"
        ) -> None: ...

    for name, plugin in [
        ("module", module_like),
        ("flex", Flexible()),
        ("default", WithDefault()),
    ]:
        registry.register("sessions", name, plugin)
    assert sorted(registry.available("sessions")) == ["default", "flex", "module"]


def test_missing_attributes_are_all_named() -> None:
    plugin = types.SimpleNamespace()
    with pytest.raises(InvalidPluginError) as exc_info:
        Registry(discover=False).register("testing", "half", plugin)
    message = str(exc_info.value)
    assert "does not implement TestingPlugin" in message
    assert "it has no attribute 'client_class'" in message
    assert "it has no attribute 'environ_builder_class'" in message
    assert "it has no attribute 'contract_version'" in message


def test_testing_plugin_classes_serve_the_app(empty_registry: Registry) -> None:
    built: list[Erlen] = []

    class Builder(EnvironBuilder):
        def __init__(self, app: Erlen, *args: t.Any, **kwargs: t.Any) -> None:
            built.append(app)
            super().__init__(*args, **kwargs)

    plugin = types.SimpleNamespace(
        contract_version="1.0", client_class=Client, environ_builder_class=Builder
    )
    empty_registry.register("testing", "plain", plugin)
    app = Erlen(__name__)
    app.get("/")(lambda: "hi")

    assert app.test_client().get("/").text == "hi"
    with app.test_request_context("/path?q=1") as ctx:
        assert ctx.request.args["q"] == "1"
    assert built == [app]


def test_unknown_slot_lists_the_slots() -> None:
    registry = Registry(discover=False)
    with pytest.raises(UnknownPluginError) as exc_info:
        registry.register("session", "memory", MemorySessions())
    assert "no plugin slot named 'session'" in str(exc_info.value)
    assert "sessions, templating, signals, cli, testing" in str(exc_info.value)


def test_on_load_callbacks_run_once_per_plugin() -> None:
    registry = Registry(discover=False)
    loaded: list[object] = []
    registry.on_load("sessions", loaded.append)
    plugin = MemorySessions()
    registry.register("sessions", "memory", plugin)

    registry.load("sessions")
    registry.load("sessions")
    assert loaded == [plugin]


# -- entry points -----------------------------------------------------------------


def test_installed_plugin_is_found_with_its_distribution() -> None:
    info = Registry().available("sessions")["memory"]
    assert info.distribution == "erlen-test-plugins"
    assert info.version == importlib.metadata.version("erlen-test-plugins") == "0.1.0"
    assert info.value == MEMORY
    assert not info.first_party
    assert info.describe() == (
        f"'memory' (entry point '{MEMORY}' in group 'erlen.sessions'"
        " of erlen-test-plugins 0.1.0)"
    )


def test_installed_plugin_loads_and_is_cached() -> None:
    registry = Registry()
    plugin = registry.load("sessions", "memory")
    assert isinstance(plugin, MemorySessions)
    assert registry.load("sessions", "memory") is plugin


def test_entry_points_are_read_once_per_slot(monkeypatch: pytest.MonkeyPatch) -> None:
    groups: list[str | None] = []
    read = importlib.metadata.entry_points

    def counting_entry_points(**params: t.Any) -> importlib.metadata.EntryPoints:
        groups.append(params.get("group"))
        return read(**params)

    monkeypatch.setattr(importlib.metadata, "entry_points", counting_entry_points)
    registry = Registry()
    assert groups == []  # creating a registry reads nothing

    registry.available("sessions")
    registry.select("sessions", "memory")
    registry.load("sessions", "memory")
    registry.available("sessions")
    assert groups == ["erlen.sessions"]

    registry.available("templating")
    assert groups == ["erlen.sessions", "erlen.templating"]

    Registry(discover=False).available("sessions")
    assert groups == ["erlen.sessions", "erlen.templating"]


def test_broken_plugin_is_rejected_when_it_loads() -> None:
    registry = Registry()
    # Finding it is fine: nothing is imported until the plugin is chosen.
    assert "broken" in registry.available("templating")

    with pytest.raises(InvalidPluginError) as exc_info:
        registry.load("templating", "broken")
    message = str(exc_info.value)
    assert "entry point 'erlen_test_plugins.broken:plugin'" in message
    assert "group 'erlen.templating'" in message
    assert "erlen-test-plugins 0.1.0" in message
    assert (
        "does not implement TemplatingPlugin: it has no method 'create_engine'"
        in message
    )
    # It stays rejected: a failed load is not cached as a success.
    with pytest.raises(InvalidPluginError):
        registry.load("templating", "broken")


def test_broken_plugin_fails_at_first_use_in_an_app_not_later() -> None:
    app = Erlen(__name__, plugins={"templating": "broken"})
    with app.app_context(), pytest.raises(InvalidPluginError, match="create_engine"):
        render_template_string("hello")


def test_plugin_that_cannot_be_imported_names_its_distribution(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    install_distribution(
        tmp_path,
        monkeypatch,
        "erlen-ghost",
        {"erlen.cli": {"ghost": "erlen_ghost_gone:plugin"}},
    )
    with pytest.raises(PluginError) as exc_info:
        Registry().load("cli", "ghost")
    message = str(exc_info.value)
    assert (
        "entry point 'erlen_ghost_gone:plugin' in group 'erlen.cli' of erlen-ghost 1.0"
        in message
    )
    assert "could not be imported: ModuleNotFoundError" in message
    assert isinstance(exc_info.value.__cause__, ModuleNotFoundError)


# -- choosing a plugin ------------------------------------------------------------


def test_app_attribute_beats_every_choice() -> None:
    app = visits_app(plugins={"sessions": "no-such-plugin"})
    app.config["PLUGINS"] = {"sessions": "nor-this-one"}
    mine = MemorySessionInterface()
    app.session_interface = mine

    client = Client(app)
    client.post("/visits")
    assert client.get("/visits").text == "1"
    assert list(mine.store.values()) == [{"visits": 1}]


def test_template_engine_attribute_beats_the_chosen_plugin() -> None:
    class Upper:
        def render_string(self, source: str, context: dict[str, t.Any]) -> str:
            return source.upper()

    app = Erlen(__name__, plugins={"templating": "broken"})
    app.template_engine = Upper()  # type: ignore[assignment]
    with app.app_context():
        assert render_template_string("hello") == "HELLO"


def test_test_client_class_attribute_needs_no_testing_plugin(
    empty_registry: Registry,
) -> None:
    app = Erlen(__name__)
    app.get("/")(lambda: "hi")
    app.test_client_class = Client
    assert app.test_client().get("/").text == "hi"


def test_plugins_argument_chooses_an_installed_plugin() -> None:
    assert_memory_round_trip(visits_app(plugins={"sessions": "memory"}))


def test_plugins_config_key_chooses_an_installed_plugin() -> None:
    app = visits_app()
    app.config["PLUGINS"] = {"sessions": "memory"}
    assert_memory_round_trip(app)


def test_plugins_argument_beats_the_config_key() -> None:
    app = visits_app(plugins={"sessions": "memory"})
    app.config["PLUGINS"] = {"sessions": "no-such-plugin"}
    assert_memory_round_trip(app)


def test_unknown_name_suggests_the_close_match() -> None:
    app = visits_app(plugins={"sessions": "memroy"})
    with pytest.raises(UnknownPluginError) as exc_info:
        app.session_interface  # noqa: B018 - the lookup is the test
    message = str(exc_info.value)
    assert "No sessions plugin named 'memroy' is available" in message
    assert "Did you mean 'memory'?" in message
    assert "erlen.plugins.register('sessions', 'memroy', obj)" in message


def test_unknown_name_without_a_close_match_lists_what_is_installed(
    empty_registry: Registry,
) -> None:
    empty_registry.register("sessions", "memory", MemorySessions())
    with pytest.raises(UnknownPluginError) as exc_info:
        empty_registry.select("sessions", "redis")
    assert "(installed: memory)." in str(exc_info.value)
    assert "Did you mean" not in str(exc_info.value)


def test_the_only_plugin_is_chosen_without_asking(empty_registry: Registry) -> None:
    empty_registry.register("sessions", "only", MemorySessions())
    assert_memory_round_trip(visits_app())


def test_several_third_party_plugins_need_a_choice(empty_registry: Registry) -> None:
    empty_registry.register("sessions", "memory", MemorySessions())
    empty_registry.register("sessions", "other", MemorySessions())

    app = visits_app()
    with pytest.raises(AmbiguousPluginError) as exc_info:
        Client(app).get("/visits")
    message = str(exc_info.value)
    assert "Several plugins fill the 'sessions' slot" in message
    assert "'memory' (registered in code" in message
    assert "'other' (registered in code" in message
    assert "plugins={'sessions': 'name'}" in message
    assert "PLUGINS" in message

    assert_memory_round_trip(visits_app(plugins={"sessions": "other"}))


def test_first_party_plugin_wins_among_several(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Shadows a real erlen-sessions if one is installed: the first match on
    # sys.path is the distribution importlib.metadata reports.
    install_distribution(
        tmp_path, monkeypatch, "Erlen_Sessions", {"erlen.sessions": {"cookie": MEMORY}}
    )
    registry = Registry()
    plugins = registry.available("sessions")
    assert {"memory", "cookie"} <= set(plugins)
    assert plugins["cookie"].first_party
    assert registry.select("sessions") is plugins["cookie"]


def test_requests_do_not_look_plugins_up_again(monkeypatch: pytest.MonkeyPatch) -> None:
    class CountingRegistry(Registry):
        selections = 0

        def select(self, slot: str, choice: str | None = None) -> t.Any:
            self.selections += 1
            return super().select(slot, choice)

    registry = use_registry(monkeypatch, CountingRegistry())
    app = visits_app(plugins={"sessions": "memory"})
    client = Client(app)
    for _ in range(3):
        client.post("/visits")
    assert client.get("/visits").text == "3"
    assert registry.selections == 1


# -- no plugin installed --------------------------------------------------------


def test_session_reads_as_empty_without_a_plugin(empty_registry: Registry) -> None:
    app = Erlen(__name__)

    @app.get("/")
    def read() -> dict[str, t.Any]:
        return {
            "len": len(session),
            "get": session.get("user", "nobody"),
            "in": "user" in session,
            "items": list(session.items()),
            "permanent": session.permanent,
        }

    response = Client(app).get("/")
    assert response.json == {
        "len": 0,
        "get": "nobody",
        "in": False,
        "items": [],
        "permanent": False,
    }
    assert "Set-Cookie" not in response.headers


WRITES: dict[str, t.Callable[[t.Any], object]] = {
    "setitem": lambda s: s.__setitem__("user", "ada"),
    "delitem": lambda s: s.__delitem__("user"),
    "update": lambda s: s.update(user="ada"),
    "in-place-or": lambda s: s.__ior__({"user": "ada"}),
    "setdefault": lambda s: s.setdefault("user", "ada"),
    "pop": lambda s: s.pop("user", None),
    "popitem": lambda s: s.popitem(),
    "clear": lambda s: s.clear(),
    "permanent": lambda s: setattr(s, "permanent", True),
}


@pytest.mark.parametrize("write", WRITES.values(), ids=WRITES.keys())
def test_writing_the_session_without_a_plugin_names_the_fix(
    empty_registry: Registry, write: t.Callable[[t.Any], object]
) -> None:
    app = Erlen(__name__)
    app.testing = True
    app.get("/")(lambda: str(write(session)))

    with pytest.raises(RuntimeError, match=r'pip install "erlen-core\[sessions\]"'):
        Client(app).get("/")


RENDERERS: dict[str, t.Callable[[], object]] = {
    "render_template": lambda: render_template("index.html"),
    "render_template_string": lambda: render_template_string("{{ 1 }}"),
    "stream_template": lambda: stream_template("index.html"),
    "stream_template_string": lambda: stream_template_string("{{ 1 }}"),
}


@pytest.mark.parametrize("render", RENDERERS.values(), ids=RENDERERS.keys())
def test_rendering_without_a_plugin_names_the_fix(
    empty_registry: Registry, render: t.Callable[[], object]
) -> None:
    app = Erlen(__name__)
    with app.app_context(), pytest.raises(MissingPluginError) as exc_info:
        render()
    assert "needs a templating plugin, and none is installed" in str(exc_info.value)
    assert 'pip install "erlen-core[templating]"' in str(exc_info.value)


def test_signals_without_a_plugin_are_free_no_ops() -> None:
    hub = SignalHub()
    for name in SIGNAL_NAMES:
        signal = getattr(hub, name)
        assert isinstance(signal, NullSignal)
        assert not signal.receivers  # the truth test core makes before sending
        assert signal.send(object(), response="ignored") == []


@pytest.mark.parametrize("method", ["connect", "connect_via", "connected_to"])
def test_connecting_to_a_null_signal_names_the_fix(method: str) -> None:
    signal = SignalHub().request_started
    with pytest.raises(MissingPluginError) as exc_info:
        getattr(signal, method)(lambda sender, **kwargs: None)
    assert "Cannot connect to the 'request_started' signal" in str(exc_info.value)
    assert 'pip install "erlen-core[signals]"' in str(exc_info.value)


def test_requests_are_served_without_any_plugin(empty_registry: Registry) -> None:
    app = Erlen(__name__)
    app.get("/")(lambda: "hello")
    assert Client(app).get("/").text == "hello"
    with app.test_request_context("/?q=1") as ctx:
        assert ctx.request.args["q"] == "1"


@pytest.mark.parametrize(
    ("use", "needed_by", "extra"),
    [
        (lambda app: app.cli, "app.cli", "cli"),
        (lambda app: Blueprint("bp", __name__).cli, "blueprint.cli", "cli"),
        (lambda app: app.test_client(), "app.test_client()", "testing"),
        (lambda app: app.test_cli_runner(), "app.test_cli_runner()", "cli"),
    ],
    ids=["app.cli", "blueprint.cli", "test_client", "test_cli_runner"],
)
def test_features_of_missing_plugins_name_their_distribution(
    empty_registry: Registry,
    use: t.Callable[[Erlen], object],
    needed_by: str,
    extra: str,
) -> None:
    with pytest.raises(MissingPluginError) as exc_info:
        use(Erlen(__name__))
    assert str(exc_info.value) == (
        f"{needed_by} needs a {extra} plugin, and none is installed."
        f' Install Erlen\'s with: pip install "erlen-core[{extra}]"'
    )


def test_plugin_guide_shows_the_plugin_these_tests_run() -> None:
    root = Path(__file__).parents[2]
    source = root.joinpath(
        "tests/fixtures/erlen-test-plugins/src/erlen_test_plugins/sessions.py"
    ).read_text()
    code = source[source.index("from __future__ import annotations") :]
    assert f"```python\n{code}```" in root.joinpath("docs/plugins.md").read_text()


def test_session_cookie_attributes_follow_the_config() -> None:
    app = Erlen(__name__)
    app.config.update(
        SESSION_COOKIE_DOMAIN="example.com",
        SESSION_COOKIE_PATH="/shop",
        SESSION_COOKIE_SECURE=True,
        SESSION_COOKIE_HTTPONLY=False,
        SESSION_COOKIE_SAMESITE="Strict",
        SESSION_COOKIE_PARTITIONED=True,
    )
    # Every backend sets and deletes its cookie with these, so all agree.
    assert MemorySessionInterface().get_cookie_attributes(app) == {
        "domain": "example.com",
        "path": "/shop",
        "secure": True,
        "httponly": False,
        "samesite": "Strict",
        "partitioned": True,
    }
