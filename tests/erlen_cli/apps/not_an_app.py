"""Names that look like apps but are not."""

from __future__ import annotations

thing = "just a string"


def create_thing() -> dict[str, str]:
    return {}
