"""``flask.blueprints``."""

from __future__ import annotations

from erlen.blueprints import Blueprint as Blueprint
from erlen.blueprints import BlueprintSetupState as BlueprintSetupState
