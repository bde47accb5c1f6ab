"""The ``erlen`` module: Flask's public names, plugin-owned ones resolved lazily."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import types
import typing as t
from collections.abc import Iterator

import pytest

import erlen
import erlen.plugins
from erlen import Erlen
from erlen.plugins import MissingPluginError
from erlen.plugins import Registry
from erlen.plugins.exports import EXPORTS
from erlen.plugins.signals import NullSignal
from erlen.plugins.signals import SignalHub
from erlen_contexts.speedups import ENABLED as SPEEDUPS

#: The signals ``flask`` 3.1 exports, which a signals plugin provides.
FLASK_SIGNALS = (
    "appcontext_popped",
    "appcontext_pushed",
    "appcontext_tearing_down",
    "before_render_template",
    "got_request_exception",
    "message_flashed",
    "request_finished",
    "request_started",
    "request_tearing_down",
    "template_rendered",
)

#: Every public name of ``flask`` 3.1, with ``Erlen`` in place of ``Flask``.
FLASK_NAMES = frozenset(
    {
        "Blueprint",
        "Config",
        "Erlen",
        "Request",
        "Response",
        "abort",
        "after_this_request",
        "copy_current_request_context",
        "current_app",
        "flash",
        "g",
        "get_flashed_messages",
        "get_template_attribute",
        "has_app_context",
        "has_request_context",
        "json",
        "jsonify",
        "make_response",
        "redirect",
        "render_template",
        "render_template_string",
        "request",
        "send_file",
        "send_from_directory",
        "session",
        "stream_template",
        "stream_template_string",
        "stream_with_context",
        "url_for",
        *FLASK_SIGNALS,
    }
)

#: The names that belong to a plugin and are resolved on first use.
PLUGIN_NAMES = frozenset({"get_template_attribute", *FLASK_SIGNALS})

OPTIONAL_LIBRARIES = ("jinja2", "click", "itsdangerous", "blinker")


@pytest.fixture
def facade(monkeypatch: pytest.MonkeyPatch) -> Iterator[Registry]:
    """The ``erlen`` module as freshly imported, with an empty plugin registry.

    Plugin-owned names are cached in the module once resolved, so the
    fixture removes them for the test and puts the process's values back
    after it. The registry and the signal hub are fresh for the same reason.
    """
    registry = Registry(discover=False)
    monkeypatch.setattr("erlen.plugins._registry.registry", registry)
    monkeypatch.setattr("erlen.plugins.exports.hub", SignalHub())
    namespace = vars(erlen)
    cached = {name: namespace.pop(name) for name in PLUGIN_NAMES if name in namespace}
    yield registry
    for name in PLUGIN_NAMES:
        namespace.pop(name, None)
    namespace.update(cached)


def run_python(code: str) -> t.Any:
    """Run ``code`` in a fresh interpreter; return the JSON it prints."""
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def test_every_flask_name_is_offered() -> None:
    eager = FLASK_NAMES - PLUGIN_NAMES
    assert eager <= set(vars(erlen)), sorted(eager - set(vars(erlen)))
    # ``websocket`` is Erlen's own, not Flask's: the asgi plugin provides it.
    assert set(EXPORTS) == PLUGIN_NAMES | {"websocket"}


def test_flask_names_import_from_the_module() -> None:
    from erlen import Erlen
    from erlen import render_template
    from erlen import request
    from erlen import session

    assert Erlen.__module__ == "erlen.app"
    assert render_template.__module__ == "erlen.templating"
    assert request is erlen.request
    assert session is erlen.session


def test_import_erlen_imports_no_optional_library_and_no_plugin() -> None:
    loaded = run_python(
        f"""
        import json, sys
        before = set(sys.modules)
        import erlen
        app = erlen.Erlen("hello")
        app.get("/")(lambda: "hi")
        new = set(sys.modules) - before
        print(json.dumps({{
            "optional": [m for m in {OPTIONAL_LIBRARIES!r} if m in sys.modules],
            "metadata": "importlib.metadata" in new,
            "plugins": sorted(m for m in new if m.startswith("erlen_test_plugins")),
            "resolved": sorted(n for n in {sorted(PLUGIN_NAMES)!r} if n in vars(erlen)),
            "registry": sorted(
                m for m in ("erlen.plugins._registry", "erlen.plugins.slots")
                if m in sys.modules
            ),
        }}))
        """
    )
    assert loaded == {
        "optional": [],
        "metadata": False,
        "plugins": [],
        "resolved": [],
        "registry": [],
    }


@pytest.mark.skipif(
    not SPEEDUPS,
    reason="the host cache of erlen.speedups.routing spares the codec;"
    " ERLEN_NO_SPEEDUPS=1 binds through Werkzeug's Map.bind, which loads it",
)
def test_serving_a_plain_host_does_not_load_the_idna_codec() -> None:
    # The codec's first use loads Unicode tables: a good part of start-up.
    loaded = run_python(
        """
        import json, sys
        import erlen
        from werkzeug.test import EnvironBuilder
        app = erlen.Erlen("hello")
        app.get("/")(lambda: "hi")
        environ = EnvironBuilder("/", headers={"Host": "Example.COM:8080"}).get_environ()
        body = b"".join(app(environ, lambda status, headers: None))
        print(json.dumps([body.decode(), "encodings.idna" in sys.modules]))
        """
    )
    assert loaded == ["hi", False]


def test_probing_erlen_for_other_names_does_not_load_the_registry() -> None:
    loaded = run_python(
        """
        import json, sys
        import erlen
        from erlen import *
        probes = [hasattr(erlen, "Flask"), hasattr(erlen, "__wrapped__")]
        print(json.dumps([probes, "erlen.plugins._registry" in sys.modules]))
        """
    )
    assert loaded == [[False, False], False]


def test_the_plugin_registry_names_load_on_first_use() -> None:
    names = run_python(
        """
        import json
        import erlen.plugins
        from erlen.plugins import SLOTS, Registry, register, registry

        print(json.dumps([
            type(registry).__name__,
            isinstance(registry, Registry),
            register == registry.register,
            erlen.plugins.registry is registry,
            sorted(SLOTS),
        ]))
        """
    )
    assert names == [
        "Registry",
        True,
        True,
        True,
        ["asgi", "cli", "sessions", "signals", "templating", "testing"],
    ]


def test_import_erlen_reads_no_entry_point() -> None:
    # Werkzeug does not import importlib.metadata today; counting calls keeps
    # this true even if some dependency starts to.
    calls = run_python(
        """
        import importlib.metadata, json
        calls = []
        read = importlib.metadata.entry_points
        importlib.metadata.entry_points = lambda **kw: calls.append(kw) or read(**kw)
        import erlen
        erlen.Erlen("hello")
        hasattr(erlen, "no_such_name")
        print(json.dumps(calls))
        """
    )
    assert calls == []


def test_plugin_name_resolves_through_the_registry_on_first_use(
    facade: Registry,
) -> None:
    class AttributeTemplating:
        contract_version = "1.0"

        def create_engine(self, app: Erlen) -> t.Any: ...

        def get_template_attribute(self, name: str, attribute: str) -> str:
            return f"{name}:{attribute}"

    plugin = AttributeTemplating()
    facade.register("templating", "attributes", plugin)
    assert "get_template_attribute" not in vars(erlen)

    from erlen import get_template_attribute

    assert get_template_attribute == plugin.get_template_attribute
    # Kept on the module: the next use costs a plain attribute read.
    assert vars(erlen)["get_template_attribute"] == plugin.get_template_attribute


def test_plugin_name_without_its_plugin_imports_and_fails_when_called(
    facade: Registry,
) -> None:
    # Importing must not break the importing module; the call names the fix.
    from erlen import get_template_attribute

    for _ in range(2):  # a failed look-up is not remembered
        with pytest.raises(MissingPluginError) as exc_info:
            get_template_attribute("macros.html", "hello")
        message = str(exc_info.value)
        assert "'erlen.get_template_attribute' needs a templating plugin" in message
        assert 'pip install "erlen-core[templating]"' in message


def test_plugin_registered_after_the_import_serves_the_next_call(
    facade: Registry,
) -> None:
    from erlen import get_template_attribute

    with pytest.raises(MissingPluginError):
        get_template_attribute("a.html", "x")
    plugin = types.SimpleNamespace(
        contract_version="1.0",
        create_engine=lambda app: None,
        get_template_attribute=lambda name, attribute: (name, attribute),
    )
    facade.register("templating", "late", plugin)
    assert get_template_attribute("a.html", "x") == ("a.html", "x")


def test_plugin_that_does_not_offer_a_name_says_so_when_called(
    facade: Registry,
) -> None:
    plugin = types.SimpleNamespace(contract_version="1.0", create_engine=lambda app: None)
    facade.register("templating", "plain", plugin)
    from erlen import get_template_attribute

    with pytest.raises(MissingPluginError) as exc_info:
        get_template_attribute("a.html", "x")
    message = str(exc_info.value)
    assert "'erlen.get_template_attribute' is provided by a templating plugin" in message
    assert "the one in use does not offer it" in message


def test_flashing_is_core_and_imports_without_any_sessions_plugin(
    facade: Registry,
) -> None:
    from erlen import flash
    from erlen import get_flashed_messages

    assert flash.__module__ == get_flashed_messages.__module__ == "erlen.flashing"


def test_signals_without_a_plugin_resolve_to_null_signals(facade: Registry) -> None:
    from erlen import request_started

    assert isinstance(request_started, NullSignal)
    assert request_started.send(erlen) == []
    with pytest.raises(MissingPluginError, match=r"erlen-core\[signals\]"):
        request_started.connect(lambda sender, **kwargs: None)


def test_unknown_name_is_an_attribute_error_without_a_plugin_look_up(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    class CountingRegistry(Registry):
        selections = 0

        def select(self, slot: str, choice: str | None = None) -> t.Any:
            self.selections += 1
            return super().select(slot, choice)

    registry = CountingRegistry(discover=False)
    monkeypatch.setattr("erlen.plugins._registry.registry", registry)
    with pytest.raises(AttributeError, match="module 'erlen' has no attribute 'Flask'"):
        erlen.Flask  # noqa: B018 - the look-up is the test
    assert not hasattr(erlen, "__wrapped__")
    assert registry.selections == 0
