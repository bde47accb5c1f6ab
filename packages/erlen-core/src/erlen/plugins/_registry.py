"""Finding, choosing and loading the plugin that fills each slot.

Plugins are found through entry points (group ``erlen.<slot>``), read on
first need, once per process, or registered in code. Loading a plugin
imports it and checks it against its slot's protocol, so a broken plugin
fails when it is chosen, naming its entry point and distribution, instead
of on some later request.
"""

from __future__ import annotations

import difflib
import logging
import re
import typing as t
from dataclasses import dataclass
from dataclasses import field

from .contracts import check_contract
from .errors import AmbiguousPluginError
from .errors import MissingPluginError
from .errors import PluginError
from .errors import SlotScopeError
from .errors import UnknownPluginError
from .signals import hub as signal_hub
from .slots import Slot
from .slots import SLOTS
from .validation import validate

if t.TYPE_CHECKING:
    from collections.abc import Callable
    from collections.abc import Mapping

_unloaded: t.Any = object()


def _normalize(name: str) -> str:
    """A distribution name as the package index compares it (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower()


@dataclass
class PluginInfo:
    """What is known about one plugin before and after it is loaded."""

    slot: str
    name: str
    #: The distribution that declares the entry point; ``None`` when the
    #: plugin was registered in code.
    distribution: str | None
    version: str | None
    #: ``module:attribute`` of the entry point, or ``None`` in code.
    value: str | None
    _load: Callable[[], object] = field(repr=False)
    _plugin: object = field(default=_unloaded, repr=False)

    @property
    def first_party(self) -> bool:
        """Whether this is the plugin Erlen itself ships for the slot."""
        # Metadata may spell the name "Erlen_Sessions"; it is still ours.
        if self.distribution is None:
            return False
        return _normalize(self.distribution) == SLOTS[self.slot].distribution

    def describe(self) -> str:
        """Name the plugin for messages: entry point and distribution."""
        if self.distribution is None:
            return f"'{self.name}' (registered in code for slot '{self.slot}')"
        return (
            f"'{self.name}' (entry point '{self.value}' in group"
            f" '{SLOTS[self.slot].group}' of {self.distribution} {self.version})"
        )

    def load(self) -> object:
        """Import and validate the plugin object; cached after the first call.

        :raise PluginError: importing the entry point failed.
        :raise InvalidPluginError: the object does not fit the slot's protocol.
        """
        if self._plugin is _unloaded:
            try:
                plugin = self._load()
            except Exception as e:
                # The bare ImportError would not say which installed
                # distribution is broken, nor that it is an Erlen plugin.
                raise PluginError(
                    f"The plugin {self.describe()} could not be imported:"
                    f" {type(e).__name__}: {e}. Reinstall its distribution,"
                    " or uninstall it if it is not needed."
                ) from e
            check_plugin(plugin, SLOTS[self.slot], self.describe(), self.distribution)
            self._plugin = plugin
        return self._plugin


def check_plugin(
    plugin: object, slot: Slot, described_as: str, distribution: str | None
) -> None:
    """Refuse ``plugin`` unless it fits ``slot``: its contract version, then
    its protocol (a plugin built for another contract would fail the second
    check in ways that hide the real cause)."""
    check_contract(plugin, slot.name, slot.contract, described_as, distribution)
    validate(plugin, slot.protocol, described_as)


def _read_entry_points(slot: Slot) -> dict[str, PluginInfo]:
    """Every plugin installed for ``slot``, by entry-point name, unloaded."""
    # Imported here: importlib.metadata is slow to import, and most
    # processes never need it (docs/packaging.md, trap 10).
    from importlib.metadata import entry_points

    found = {}
    for ep in entry_points(group=slot.group):
        dist = ep.dist
        found[ep.name] = PluginInfo(
            slot=slot.name,
            name=ep.name,
            distribution=dist.metadata["Name"] if dist is not None else None,
            version=dist.version if dist is not None else None,
            value=ep.value,
            _load=ep.load,
        )
    return found


def check_app_choice(slot: str, choice: str) -> None:
    """Refuse an application's choice of plugin for a process-wide slot.

    :raise SlotScopeError: ``slot`` serves every application of the
        process with one plugin.
    :raise UnknownPluginError: there is no slot named ``slot``.
    """
    spec = registry._slot(slot)
    if not spec.per_app:
        raise SlotScopeError(
            f"The '{slot}' slot is process-wide: every application of a"
            f" process shares one {slot} plugin, so an application cannot"
            f" choose {choice!r} for itself (plugins= or the PLUGINS config"
            f" key). Choose it for the whole process, before anything uses"
            f" the slot, with erlen.plugins.registry.choose({slot!r},"
            f" {choice!r})."
        )


class Registry:
    """Every known plugin, per slot.

    :param discover: whether to read installed entry points. A registry
        made with ``discover=False`` knows only the plugins registered in
        code, which makes a test independent of what happens to be installed.
    """

    def __init__(self, *, discover: bool = True) -> None:
        self._discover_entry_points = discover
        self._discovered: dict[str, dict[str, PluginInfo]] = {}
        self._registered: dict[str, dict[str, PluginInfo]] = {
            name: {} for name in SLOTS
        }
        self._on_load: dict[str, list[Callable[[object], None]]] = {
            name: [] for name in SLOTS
        }
        #: Plugins chosen for the whole process, by slot (see :meth:`choose`).
        self._chosen: dict[str, str] = {}
        #: The plugin serving each process-wide slot, once loaded.
        self._serving: dict[str, PluginInfo] = {}

    def _slot(self, slot: str) -> Slot:
        try:
            return SLOTS[slot]
        except KeyError:
            raise UnknownPluginError(
                f"There is no plugin slot named {slot!r}. The slots are:"
                f" {', '.join(SLOTS)}."
            ) from None

    def _discover(self, slot: Slot) -> dict[str, PluginInfo]:
        found = self._discovered.get(slot.name)
        if found is None:
            found = _read_entry_points(slot) if self._discover_entry_points else {}
            self._discovered[slot.name] = found
        return found

    def available(self, slot: str) -> dict[str, PluginInfo]:
        """Every plugin for ``slot``: installed ones, then those registered in code."""
        spec = self._slot(slot)
        return {**self._discover(spec), **self._registered[slot]}

    def register(self, slot: str, name: str, plugin: object) -> None:
        """Make ``plugin`` available for ``slot`` without installing anything.

        It is validated at once. Registering a name again replaces it.
        """
        spec = self._slot(slot)
        info = PluginInfo(slot, name, None, None, None, _load=lambda: plugin)
        check_plugin(plugin, spec, info.describe(), None)
        self._registered[slot][name] = info

    def unregister(self, slot: str, name: str) -> None:
        """Forget a plugin registered in code."""
        self._registered[self._slot(slot).name].pop(name, None)

    def on_load(self, slot: str, callback: Callable[[object], None]) -> None:
        """Call ``callback(plugin)`` each time a plugin of ``slot`` is loaded."""
        self._on_load[self._slot(slot).name].append(callback)

    def choose(self, slot: str, name: str) -> None:
        """Serve ``slot`` with the plugin ``name`` in this whole process.

        This is how a process-wide slot (``signals``) is given a plugin
        other than the default; for the other slots it sets the default
        that applications without a choice of their own use.

        :raise SlotScopeError: a process-wide slot already serves with
            another plugin; choosing must come before the first use.
        """
        spec = self._slot(slot)
        serving = self._serving.get(slot)
        if serving is not None and serving.name != name:
            raise self._scope_error(spec, serving, name)
        self._chosen[slot] = name

    def select(self, slot: str, choice: str | None = None) -> PluginInfo | None:
        """Pick the plugin for ``slot``, or ``None`` when none is available.

        The order: the ``choice`` given, the process's choice
        (:meth:`choose`), the only plugin available, then the first-party
        plugin among several.
        """
        plugins = self.available(slot)
        if choice is None:
            choice = self._chosen.get(slot)
        if choice is not None:
            try:
                return plugins[choice]
            except KeyError:
                raise self._unknown(slot, choice, plugins) from None
        if not plugins:
            return None
        if len(plugins) == 1:
            return next(iter(plugins.values()))
        for info in plugins.values():
            if info.first_party:
                return info
        found = "; ".join(plugins[name].describe() for name in sorted(plugins))
        raise AmbiguousPluginError(
            f"Several plugins fill the '{slot}' slot and none was chosen: {found}."
            f" Choose one by name with Erlen(__name__, plugins={{{slot!r}: 'name'}})"
            f" or the config key PLUGINS, or uninstall the ones you do not use."
        )

    def load(self, slot: str, choice: str | None = None) -> object | None:
        """Load the plugin :meth:`select` picks; ``None`` when there is none."""
        info = self.select(slot, choice)
        if info is None:
            return None
        spec = self._slot(slot)
        serving = self._serving.get(slot)
        if serving is not None and serving is not info:
            raise self._scope_error(spec, serving, info.name)
        first_time = info._plugin is _unloaded
        plugin = info.load()
        if not spec.per_app:
            self._serving[slot] = info
        if first_time and choice is None and slot not in self._chosen:
            self._tell_unchosen(info)
        if first_time:
            for callback in self._on_load[slot]:
                callback(plugin)
        return plugin

    def require(
        self, slot: str, choice: str | None = None, *, needed_by: str
    ) -> object:
        """Like :meth:`load`, but raise an error naming the fix when there is none.

        :param needed_by: what needs the plugin, to start the message, such
            as ``"render_template"``.
        """
        plugin = self.load(slot, choice)
        if plugin is None:
            spec = self._slot(slot)
            raise MissingPluginError(
                f"{needed_by} needs a {slot} plugin, and none is installed."
                f" Install Erlen's with: {spec.install_hint}"
            )
        return plugin

    def _tell_unchosen(self, info: PluginInfo) -> None:
        """Log which plugin serves a slot several fill when nobody chose one.

        Erlen's own plugin wins among several, so installing it beside a
        third-party backend an app relied on would change that app's backend
        silently (its sessions, say, from a database to cookies). The log
        says so when the plugin first loads, and how to choose.
        """
        others = [p.describe() for p in self.available(info.slot).values() if p is not info]
        if others:
            logging.getLogger("erlen.plugins").warning(
                "Several plugins fill the '%s' slot and none was chosen, so"
                " Erlen's own, %s, serves it; also installed: %s. Choose one"
                " with Erlen(__name__, plugins={%r: 'name'}) or the config key"
                " PLUGINS to keep it from changing when plugins are installed.",
                info.slot,
                info.describe(),
                "; ".join(others),
                info.slot,
            )

    @staticmethod
    def _scope_error(spec: Slot, serving: PluginInfo, other: str) -> SlotScopeError:
        return SlotScopeError(
            f"The '{spec.name}' slot is process-wide: the plugin"
            f" {serving.describe()} already serves every application of this"
            f" process, so {other!r} cannot serve it too. Choose the plugin"
            f" once, before anything uses the slot, with"
            f" erlen.plugins.registry.choose({spec.name!r}, {other!r}), or"
            " uninstall the plugins you do not use."
        )

    def _unknown(
        self, slot: str, choice: str, plugins: Mapping[str, PluginInfo]
    ) -> UnknownPluginError:
        close = difflib.get_close_matches(choice, list(plugins), n=1)
        hint = f" Did you mean {close[0]!r}?" if close else ""
        installed = ", ".join(sorted(plugins)) or "none"
        return UnknownPluginError(
            f"No {slot} plugin named {choice!r} is available (installed:"
            f" {installed}).{hint} Install the distribution that provides it,"
            f" or register it with erlen.plugins.register({slot!r}, {choice!r}, obj)."
        )


#: The registry of this process.
registry: Registry = Registry()
# A loaded signals plugin takes over the signals core sends.
registry.on_load("signals", signal_hub.bind)  # type: ignore[arg-type]
