"""``flask.sansio.blueprints``."""

# Flask's module holds these names, used or not: they are its namespace.
# ruff: noqa: F401

from __future__ import annotations

import os
import typing as t
from collections import defaultdict
from functools import update_wrapper

from flask import typing as ft  # type: ignore[import-not-found]

from erlen.sansio.blueprints import Blueprint as Blueprint
from erlen.sansio.blueprints import BlueprintSetupState as BlueprintSetupState
from erlen.sansio.blueprints import DeferredSetupFunction as DeferredSetupFunction
from erlen.sansio.scaffold import endpoint_from_view_func as _endpoint_from_view_func
from erlen.sansio.scaffold import Scaffold as Scaffold
from erlen.sansio.scaffold import setupmethod as setupmethod
from erlen.sansio.scaffold import T_after_request as T_after_request
from erlen.sansio.scaffold import T_before_request as T_before_request
from erlen.sansio.scaffold import T_error_handler as T_error_handler
from erlen.sansio.scaffold import T_teardown as T_teardown
from erlen.sansio.scaffold import (
    T_template_context_processor as T_template_context_processor,
)
from erlen.sansio.scaffold import T_url_defaults as T_url_defaults
from erlen.sansio.scaffold import T_url_value_preprocessor as T_url_value_preprocessor
from erlen_flask_compat.names import T_template_filter as T_template_filter
from erlen_flask_compat.names import T_template_global as T_template_global
from erlen_flask_compat.names import T_template_test as T_template_test
