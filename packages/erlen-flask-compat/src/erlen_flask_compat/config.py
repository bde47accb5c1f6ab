"""Flask's :class:`Config`: Erlen's, reading ``FLASK_`` variables by default."""

from __future__ import annotations

import json
import typing as t

from erlen.config import Config as ErlenConfig

if t.TYPE_CHECKING:
    from collections.abc import Callable


class Config(ErlenConfig):
    """Erlen's configuration dict; :meth:`from_prefixed_env` defaults to ``FLASK``."""

    def from_prefixed_env(
        self, prefix: str = "FLASK", *, loads: Callable[[str], t.Any] = json.loads
    ) -> bool:
        """Load every environment variable that starts with ``prefix_``.

        ``FLASK_SECRET_KEY`` sets ``SECRET_KEY``; see
        :meth:`erlen.config.Config.from_prefixed_env`.
        """
        return super().from_prefixed_env(prefix, loads=loads)
