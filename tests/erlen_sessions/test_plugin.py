"""erlen-sessions fills the ``sessions`` slot through its entry point."""

from __future__ import annotations

import erlen.plugins
import erlen_sessions


def test_the_plugin_is_found_through_its_entry_point() -> None:
    info = erlen.plugins.available("sessions")["cookie"]

    assert info.distribution == "erlen-sessions"
    assert info.value == "erlen_sessions.plugin:plugin"
    assert info.first_party
    assert info.load() is erlen_sessions.plugin
