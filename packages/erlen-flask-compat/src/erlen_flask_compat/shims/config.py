"""``flask.config``."""

from __future__ import annotations

from erlen.config import ConfigAttribute as ConfigAttribute
from erlen_flask_compat.config import Config as Config
