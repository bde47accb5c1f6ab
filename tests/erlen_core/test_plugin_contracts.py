"""Contract versions and slot scope: what the registry refuses, and how it says so."""

from __future__ import annotations

import types
import typing as t

import pytest

from erlen import Blueprint
from erlen import Erlen
from erlen.plugins import IncompatiblePluginError
from erlen.plugins import InvalidPluginError
from erlen.plugins import PluginInfo
from erlen.plugins import Registry
from erlen.plugins import SlotScopeError
from erlen.plugins.contracts import check_contract
from erlen.plugins.contracts import ContractVersion
from erlen.plugins.slots import SLOTS

# -- versions ----------------------------------------------------------------------


def sessions_plugin(version: object) -> types.SimpleNamespace:
    return types.SimpleNamespace(
        contract_version=version, create_session_interface=lambda app: None
    )


def test_every_slot_offers_version_one() -> None:
    assert {name: str(slot.contract) for name, slot in SLOTS.items()} == {
        "sessions": "1.0",
        "templating": "1.0",
        "signals": "1.0",
        "cli": "1.0",
        "testing": "1.0",
        "asgi": "1.0",
    }


@pytest.mark.parametrize("version", ["1.0", "1.1", "1.9"])
def test_plugin_for_an_older_or_equal_minor_fits(version: str) -> None:
    check_contract(
        sessions_plugin(version), "sessions", ContractVersion(1, 9), "'p'", "dist"
    )


def test_plugin_for_a_newer_minor_is_refused_naming_the_core_upgrade() -> None:
    registry = Registry(discover=False)
    with pytest.raises(IncompatiblePluginError) as exc_info:
        registry.register("sessions", "future", sessions_plugin("1.1"))
    message = str(exc_info.value)
    assert "'future' (registered in code for slot 'sessions')" in message
    assert "implements version 1.1 of the sessions contract" in message
    assert "this erlen-core offers version 1.0" in message
    assert "pip install --upgrade erlen-core" in message
    assert registry.available("sessions") == {}


def test_plugin_for_another_major_is_refused() -> None:
    with pytest.raises(IncompatiblePluginError, match="version 2.0 of the sessions"):
        Registry(discover=False).register("sessions", "next", sessions_plugin("2.0"))


def test_plugin_for_an_older_major_names_its_own_upgrade() -> None:
    with pytest.raises(IncompatiblePluginError) as exc_info:
        check_contract(
            sessions_plugin("1.0"),
            "sessions",
            ContractVersion(2, 0),
            "'old' (entry point ...)",
            "erlen-sessions-old",
        )
    assert "pip install --upgrade erlen-sessions-old" in str(exc_info.value)


@pytest.mark.parametrize("version", ["1", "one", "1.0.0", 1.0, ""])
def test_malformed_version_is_refused(version: object) -> None:
    with pytest.raises(InvalidPluginError, match="not a version like '1.0'") as e:
        Registry(discover=False).register("sessions", "odd", sessions_plugin(version))
    assert not isinstance(e.value, IncompatiblePluginError)


def test_installed_plugin_is_checked_when_it_loads_naming_its_distribution() -> None:
    plugin = sessions_plugin("2.0")
    info = PluginInfo(
        "sessions", "late", "erlen-late", "0.3.0", "late:plugin", lambda: plugin
    )
    with pytest.raises(IncompatiblePluginError) as exc_info:
        info.load()
    message = str(exc_info.value)
    assert "entry point 'late:plugin'" in message
    assert "erlen-late 0.3.0" in message


# -- templating's optional Jinja helpers ------------------------------------------


def templating_plugin(**methods: t.Any) -> types.SimpleNamespace:
    return types.SimpleNamespace(
        contract_version="1.0", create_engine=lambda app: None, **methods
    )


def test_templating_plugin_without_jinja_helpers_fits() -> None:
    Registry(discover=False).register("templating", "mako", templating_plugin())


def test_jinja_helpers_are_checked_when_present() -> None:
    plugin = templating_plugin(
        create_environment=lambda: None,  # takes the app
        create_global_loader=lambda app: None,
        create_loader="not callable",
    )
    with pytest.raises(InvalidPluginError) as exc_info:
        Registry(discover=False).register("templating", "half-jinja", plugin)
    message = str(exc_info.value)
    assert "its 'create_environment' cannot be called with 1 argument(s)" in message
    assert "it has no method 'create_loader'" in message
    assert "create_global_loader" not in message


# -- scope --------------------------------------------------------------------------


def blinker_like() -> types.SimpleNamespace:
    return types.SimpleNamespace(contract_version="1.0", signal=lambda name: None)


def test_app_cannot_choose_a_process_wide_slot() -> None:
    with pytest.raises(SlotScopeError) as exc_info:
        Erlen(__name__, plugins={"signals": "other"})
    message = str(exc_info.value)
    assert "The 'signals' slot is process-wide" in message
    assert "erlen.plugins.registry.choose('signals', 'other')" in message


def test_config_choice_of_a_process_wide_slot_is_refused_when_used() -> None:
    app = Erlen(__name__)
    app.config["PLUGINS"] = {"signals": "other"}
    with pytest.raises(SlotScopeError):
        app.load_plugin("signals")


def test_unknown_slot_in_plugins_is_refused_at_once() -> None:
    with pytest.raises(LookupError, match="no plugin slot named 'sesions'"):
        Erlen(__name__, plugins={"sesions": "redis"})


def test_process_wide_slot_serves_one_plugin() -> None:
    registry = Registry(discover=False)
    registry.register("signals", "one", blinker_like())
    registry.register("signals", "two", blinker_like())
    registry.load("signals", "one")
    with pytest.raises(SlotScopeError, match="'one' .* already serves"):
        registry.load("signals", "two")
    with pytest.raises(SlotScopeError):
        registry.choose("signals", "two")
    # The plugin already serving may be loaded (and chosen) again.
    registry.choose("signals", "one")
    assert registry.load("signals") is registry.load("signals", "one")


def test_process_choice_picks_among_several_before_first_use() -> None:
    registry = Registry(discover=False)
    one, two = blinker_like(), blinker_like()
    registry.register("signals", "one", one)
    registry.register("signals", "two", two)
    registry.choose("signals", "two")
    assert registry.load("signals") is two


def test_per_app_slots_serve_each_app_its_choice() -> None:
    registry = Registry(discover=False)
    registry.register("sessions", "a", sessions_plugin("1.0"))
    registry.register("sessions", "b", sessions_plugin("1.0"))
    assert registry.load("sessions", "a") is not registry.load("sessions", "b")


def test_blueprint_commands_join_the_cli_plugin_of_the_app(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    class Group:
        def __init__(self, owner: str) -> None:
            self.owner = owner
            self.commands: dict[str, t.Any] = {}
            self.name = ""

        def add_command(self, command: t.Any, name: str | None = None) -> None:
            self.commands[name or command.name] = command

    def cli_plugin(label: str) -> types.SimpleNamespace:
        def group(owner: t.Any) -> Group:
            return Group(label)

        return types.SimpleNamespace(
            contract_version="1.0",
            create_app_group=group,
            create_blueprint_group=group,
            create_test_runner=lambda app, **kwargs: None,
        )

    registry = Registry(discover=False)
    registry.register("cli", "default", cli_plugin("default"))
    registry.register("cli", "mine", cli_plugin("mine"))
    registry.choose("cli", "default")
    monkeypatch.setattr("erlen.plugins._registry.registry", registry)

    bp = Blueprint("admin", __name__)
    bp.cli.add_command(types.SimpleNamespace(name="purge"))
    app = Erlen(__name__, plugins={"cli": "mine"})
    app.register_blueprint(bp)

    assert app.cli.owner == "mine"
    regrouped = app.cli.commands["admin"]
    assert regrouped.owner == "mine"
    assert list(regrouped.commands) == ["purge"]


def test_an_engine_without_the_protocols_methods_fails_at_the_first_render(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    class HalfEngine:
        def render(self, name: str, context: dict[str, t.Any]) -> str:
            return name

    registry = Registry(discover=False)
    plugin = templating_plugin()
    plugin.create_engine = lambda app: HalfEngine()
    registry.register("templating", "half", plugin)
    monkeypatch.setattr("erlen.plugins._registry.registry", registry)
    app = Erlen(__name__, plugins={"templating": "half"})
    with pytest.raises(InvalidPluginError) as exc_info:
        app.template_engine  # noqa: B018 - the property builds the engine
    message = str(exc_info.value)
    assert "engine 'test_an_engine" in message
    assert "it has no method 'render_string'" in message
    assert "it has no method 'stream'" in message


# -- telling the app which backend serves it ----------------------------------------


def test_first_party_chosen_among_several_is_logged_once(
    caplog: pytest.LogCaptureFixture,
) -> None:
    registry = Registry(discover=False)
    mine = PluginInfo(
        "sessions", "cookie", "erlen-sessions", "0.1.0", "x:p", lambda: own
    )
    own = sessions_plugin("1.0")
    registry._discovered["sessions"] = {"cookie": mine}
    registry.register("sessions", "sqlite", sessions_plugin("1.0"))

    with caplog.at_level("WARNING", logger="erlen.plugins"):
        assert registry.load("sessions") is own
        assert registry.load("sessions") is own
    [record] = caplog.records
    assert "Several plugins fill the 'sessions' slot and none was chosen" in record.message
    assert "'sqlite' (registered in code" in record.message
    assert "plugins={'sessions': 'name'}" in record.message


def test_an_explicit_choice_is_not_logged(caplog: pytest.LogCaptureFixture) -> None:
    registry = Registry(discover=False)
    registry.register("sessions", "a", sessions_plugin("1.0"))
    registry.register("sessions", "b", sessions_plugin("1.0"))
    with caplog.at_level("WARNING", logger="erlen.plugins"):
        registry.load("sessions", "a")
    assert caplog.records == []
