"""``flask.blueprints``."""

# Flask's module holds these names, used or not: they are its namespace.
# ruff: noqa: F401

from __future__ import annotations

import os
import typing as t
from datetime import timedelta

from erlen.blueprints import Blueprint as Blueprint
from erlen.blueprints import BlueprintSetupState as BlueprintSetupState
from erlen.helpers import send_from_directory as send_from_directory
from erlen.sansio.blueprints import Blueprint as SansioBlueprint
from erlen_cli import AppGroup as AppGroup
from erlen_contexts import current_app as current_app
