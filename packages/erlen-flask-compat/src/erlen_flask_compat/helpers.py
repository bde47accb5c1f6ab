"""Flask's helpers that read ``FLASK_`` environment variables."""

from __future__ import annotations

from .cli import FLASK


def get_debug_flag() -> bool:
    """Whether ``FLASK_DEBUG`` turns debug mode on."""
    return FLASK.debug_flag()


def get_load_dotenv(default: bool = True) -> bool:
    """Whether to load dotenv files: ``default``, unless ``FLASK_SKIP_DOTENV`` is set."""
    return FLASK.load_dotenv_by_default(default)
