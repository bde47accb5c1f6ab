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


def test_the_serializer_is_cores_under_its_old_import_path() -> None:
    # It moved to erlen.json.tag; a tag registered through either is one tag.
    import erlen.json.tag
    import erlen_sessions.tag

    assert erlen_sessions.tag.TaggedJSONSerializer is erlen.json.tag.TaggedJSONSerializer
    assert erlen_sessions.JSONTag is erlen.json.tag.JSONTag
    assert isinstance(
        erlen_sessions.session_json_serializer, erlen.json.tag.TaggedJSONSerializer
    )
