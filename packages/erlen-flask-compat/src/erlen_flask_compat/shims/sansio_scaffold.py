"""``flask.sansio.scaffold``."""

# Flask's module holds these names, used or not: they are its namespace.
# ruff: noqa: F401

from __future__ import annotations

import importlib
import os
import pathlib
import sys
import typing as t
from collections import defaultdict
from functools import update_wrapper

from flask import typing as ft  # type: ignore[import-not-found]
from jinja2 import BaseLoader
from jinja2 import FileSystemLoader
from werkzeug.exceptions import default_exceptions
from werkzeug.exceptions import HTTPException
from werkzeug.utils import cached_property

from erlen.sansio.instance import find_package as find_package
from erlen.sansio.paths import get_root_path as get_root_path
from erlen.sansio.scaffold import endpoint_from_view_func as _endpoint_from_view_func
from erlen.sansio.scaffold import F as F
from erlen.sansio.scaffold import Scaffold as Scaffold
from erlen.sansio.scaffold import setupmethod as setupmethod
from erlen.sansio.scaffold import T_after_request as T_after_request
from erlen.sansio.scaffold import T_before_request as T_before_request
from erlen.sansio.scaffold import T_error_handler as T_error_handler
from erlen.sansio.scaffold import T_route as T_route
from erlen.sansio.scaffold import T_teardown as T_teardown
from erlen.sansio.scaffold import (
    T_template_context_processor as T_template_context_processor,
)
from erlen.sansio.scaffold import T_url_defaults as T_url_defaults
from erlen.sansio.scaffold import T_url_value_preprocessor as T_url_value_preprocessor
