"""An app whose own import fails: the traceback must reach the user."""

from __future__ import annotations

import erlen_cli_tests_missing_dependency  # noqa: F401

from erlen import Erlen

app = Erlen(__name__)
