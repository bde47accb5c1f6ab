"""A factory with a TypeError of its own, which must not be hidden."""

from __future__ import annotations

from erlen import Erlen


def create_app() -> Erlen:
    app = Erlen(__name__)
    app.config["PORT"] = "80" + 80  # type: ignore[operator]
    return app
