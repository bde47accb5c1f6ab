"""A module with no app and no factory."""

from __future__ import annotations

ANSWER = 42
