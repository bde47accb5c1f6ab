"""``flask.json``: Erlen's JSON helpers."""

# Flask's module holds these names, used or not: they are its namespace.
# ruff: noqa: F401

from __future__ import annotations

import json as _json
import typing as t

from erlen.json import dump as dump
from erlen.json import dumps as dumps
from erlen.json import jsonify as jsonify
from erlen.json import load as load
from erlen.json import loads as loads
from erlen_contexts import current_app as current_app
