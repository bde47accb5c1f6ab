"""An app that chooses a signals plugin registered in code, by name."""

from __future__ import annotations

import erlen.plugins
from erlen import Erlen
from erlen.plugins.signals import NullSignal


class QuietSignals:
    """A signals plugin that sends nothing."""

    def signal(self, name: str) -> NullSignal:
        return NullSignal(name)


erlen.plugins.register("signals", "quiet", QuietSignals())
app = Erlen(__name__, plugins={"signals": "quiet"})
