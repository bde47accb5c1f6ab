"""``flask.sansio.blueprints``."""

from __future__ import annotations

from erlen.sansio.blueprints import Blueprint as Blueprint
from erlen.sansio.blueprints import BlueprintSetupState as BlueprintSetupState
