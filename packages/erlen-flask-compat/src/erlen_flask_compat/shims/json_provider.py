"""``flask.json.provider``."""

# Flask's module holds these names, used or not: they are its namespace.
# ruff: noqa: F401

from __future__ import annotations

import dataclasses
import decimal
import json
import typing as t
import uuid
import weakref
from datetime import date

from werkzeug.http import http_date

from erlen.json.provider import DefaultJSONProvider as DefaultJSONProvider
from erlen.json.provider import JSONProvider as JSONProvider
