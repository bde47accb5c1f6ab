"""docs/reference/configuration.md lists every key Erlen reads, as the code says.

Core's keys and defaults come from ``default_config``; the keys each
distribution reads come from its source, found as ``config["KEY"]`` or
``config.get("KEY"``. A key the code reads that the page lacks, or a
default that differs, fails here with the row to fix.
"""

from __future__ import annotations

import re
from pathlib import Path

from erlen.sansio.app import App

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "docs" / "reference" / "configuration.md"
#: A table row: | `KEY` | default | read by | what it does |
_ROW = re.compile(r"^\| `([A-Z][A-Z0-9_]*)` \| (.+?) \| (.+?) \| .+ \|$")
#: A key read from an app's config: config["KEY"] (not an assignment to it)
#: or config.get("KEY".
_READ = re.compile(
    r"config(?:\[\s*\"([A-Z][A-Z0-9_]*)\"\](?!\s*=[^=])|\.get\(\s*\"([A-Z][A-Z0-9_]*)\")"
)


def documented() -> dict[str, tuple[str, set[str]]]:
    rows = {}
    for line in PAGE.read_text(encoding="utf-8").splitlines():
        match = _ROW.match(line)
        if match:
            key, default, readers = match.groups()
            rows[key] = (default, {name.strip() for name in readers.split(",")})
    return rows


def read_in_code() -> dict[str, set[str]]:
    """Each key read in a distribution's source, with the distributions reading it."""
    readers: dict[str, set[str]] = {}
    for source in ROOT.glob("packages/*/src/**/*.py"):
        text = source.read_text(encoding="utf-8")
        for subscript, get in _READ.findall(text):
            key = subscript or get
            readers.setdefault(key, set()).add(source.parts[len(ROOT.parts) + 1])
    return readers


def test_core_defaults_are_documented_as_they_are() -> None:
    rows = documented()
    wrong = {
        key: f"`{value!r}`"
        for key, value in App.default_config.items()
        if key not in rows or rows[key][0] != f"`{value!r}`"
    }
    assert wrong == {}, f"rows to add or fix in {PAGE.name}: {wrong}"


def test_every_key_read_names_its_readers() -> None:
    rows = documented()
    missing = {
        key: sorted(dists)
        for key, dists in read_in_code().items()
        # config["DB"] in a docstring's example is the app's own key.
        if key != "DB" and (key not in rows or not dists <= rows[key][1] | {"erlen-core"})
    }
    assert missing == {}, f"keys to add to {PAGE.name}, with who reads them: {missing}"


def test_no_row_documents_a_key_nothing_reads() -> None:
    read = set(read_in_code()) | set(App.default_config)
    assert set(documented()) - read == set()
