"""``app.cli`` and app discovery behave as Flask's do."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from erlen import Erlen
from erlen_cli import locate_app
from erlen_cli import NoAppException


def test_app_cli_group_is_named_after_the_app() -> None:
    assert Erlen("shop").cli.name == "shop"


def test_locate_app_can_report_a_missing_module_as_none() -> None:
    assert (
        locate_app("erlen_test_no_such_module", None, raise_if_not_found=False) is None
    )
    with pytest.raises(NoAppException):
        locate_app("erlen_test_no_such_module", None)


def test_an_import_error_inside_the_module_is_raised_anyway(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "erlen_test_broken_app.py").write_text(
        "import erlen_test_missing_dependency\n", encoding="utf-8"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    try:
        with pytest.raises(NoAppException, match="erlen_test_missing_dependency"):
            locate_app("erlen_test_broken_app", None, raise_if_not_found=False)
    finally:
        sys.modules.pop("erlen_test_broken_app", None)
