"""``flask.sansio.app``."""

from __future__ import annotations

from erlen.sansio.app import App as App
