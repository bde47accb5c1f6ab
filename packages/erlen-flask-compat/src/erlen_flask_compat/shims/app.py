"""``flask.app``."""

from __future__ import annotations

from erlen_flask_compat.app import Flask as Flask
