"""While Erlen serves ``flask``, :mod:`importlib.metadata` reports Flask's API release.

The compat environment has the real Flask installed (the extensions require
it), whose own metadata wins. The stand-in's tests therefore hide the
folders that hold it from the import path, as if it were not installed.
"""

from __future__ import annotations

import importlib.metadata
import sys
from pathlib import Path

import flask  # noqa: F401  # Erlen serves flask in this process from here on.
import pytest

from erlen_flask_compat.__about__ import FLASK_VERSION


@pytest.fixture(autouse=True)
def without_real_flask(monkeypatch: pytest.MonkeyPatch) -> None:
    """Drop the folders where the real Flask is installed from the import path."""
    installed = {
        str(dist.locate_file(""))
        for dist in importlib.metadata.distributions(name="flask")
        if dist.files is not None
    }
    assert installed, "the compat environment installs the real Flask"
    monkeypatch.setattr(
        sys, "path", [p for p in sys.path if str(Path(p)) not in installed]
    )


def test_flask_version_is_the_api_release_erlen_provides() -> None:
    assert importlib.metadata.version("flask") == FLASK_VERSION == "3.1.3"
    assert importlib.metadata.version("Flask") == FLASK_VERSION


def test_flask_metadata_names_flask_and_erlen() -> None:
    metadata = importlib.metadata.metadata("flask")
    assert metadata["Name"] == "Flask"
    assert metadata["Version"] == FLASK_VERSION
    assert "erlen-flask-compat" in metadata["Summary"]


def test_the_stand_in_has_no_files_and_no_requirements() -> None:
    dist = importlib.metadata.distribution("flask")
    assert dist.files is None
    assert dist.requires is None
    assert list(dist.entry_points) == []


def test_listing_every_distribution_does_not_invent_flask() -> None:
    # pip and friends list what is installed; Flask is not.
    names = {dist.metadata["Name"] for dist in importlib.metadata.distributions()}
    assert "Flask" not in names


def test_a_lookup_in_other_folders_does_not_invent_flask(tmp_path: Path) -> None:
    found = importlib.metadata.distributions(name="flask", path=[str(tmp_path)])
    assert list(found) == []


def test_a_real_flask_distribution_keeps_its_own_metadata(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    info = tmp_path / "flask-9.9.9.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: Flask\nVersion: 9.9.9\n", encoding="utf-8"
    )
    monkeypatch.setattr(sys, "path", [str(tmp_path), *sys.path])
    assert importlib.metadata.version("flask") == "9.9.9"
    assert [d.version for d in importlib.metadata.distributions(name="flask")] == [
        "9.9.9"
    ]
