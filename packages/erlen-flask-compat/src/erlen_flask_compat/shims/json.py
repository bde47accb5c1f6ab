"""``flask.json``: Erlen's JSON helpers."""

from __future__ import annotations

from erlen.json import dump as dump
from erlen.json import dumps as dumps
from erlen.json import jsonify as jsonify
from erlen.json import load as load
from erlen.json import loads as loads
