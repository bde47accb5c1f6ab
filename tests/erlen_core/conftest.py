"""Fixtures shared by erlen-core's tests."""

from __future__ import annotations

import os

import pytest


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """Drop any ERLEN_* variables the machine happens to have."""
    for name in list(os.environ):
        if name.startswith("ERLEN_"):
            monkeypatch.delenv(name)
    return monkeypatch
