"""The signals and the plugin object that hands them to core."""

from __future__ import annotations

from blinker import NamedSignal
from blinker import Namespace

from erlen.plugins.signals import hub
from erlen.plugins.signals import SIGNAL_NAMES

_signals = Namespace()

# Blinker names use dashes, as Flask's do, so receivers that look signals up
# by name in a namespace find the same ones.
template_rendered = _signals.signal("template-rendered")
before_render_template = _signals.signal("before-render-template")
request_started = _signals.signal("request-started")
request_finished = _signals.signal("request-finished")
request_tearing_down = _signals.signal("request-tearing-down")
got_request_exception = _signals.signal("got-request-exception")
appcontext_tearing_down = _signals.signal("appcontext-tearing-down")
appcontext_pushed = _signals.signal("appcontext-pushed")
appcontext_popped = _signals.signal("appcontext-popped")
message_flashed = _signals.signal("message-flashed")


class BlinkerSignals:
    """Fills the ``signals`` slot with the Blinker signals of this module."""

    contract_version = "1.0"

    def signal(self, name: str) -> NamedSignal:
        """Return the signal core sends as ``name`` (``"request_started"``)."""
        if name not in SIGNAL_NAMES:
            raise LookupError(
                f"Erlen sends no signal named {name!r}. The signals are:"
                f" {', '.join(SIGNAL_NAMES)}."
            )
        return _signals.signal(name.replace("_", "-"))


plugin = BlinkerSignals()

# Importing this module is a way to reach the signals, so it must also make
# core send through them; the registry binds again when it loads the slot,
# with the same objects.
hub.bind(plugin)
