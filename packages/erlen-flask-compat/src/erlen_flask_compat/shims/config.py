"""``flask.config``."""

# Flask's module holds these names, used or not: they are its namespace.
# ruff: noqa: F401

from __future__ import annotations

import errno
import json
import os
import types
import typing as t

from werkzeug.utils import import_string

from erlen.config import ConfigAttribute as ConfigAttribute
from erlen.config import T as T
from erlen_flask_compat.config import Config as Config
