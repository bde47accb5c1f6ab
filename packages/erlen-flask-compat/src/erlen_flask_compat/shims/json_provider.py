"""``flask.json.provider``."""

from __future__ import annotations

from erlen.json.provider import DefaultJSONProvider as DefaultJSONProvider
from erlen.json.provider import JSONProvider as JSONProvider
