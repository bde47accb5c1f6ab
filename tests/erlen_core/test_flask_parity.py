"""Behaviour Flask apps rely on, found missing by running Flask's own suite."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from werkzeug.test import Client

from erlen import Erlen
from erlen import request
from erlen import url_for
from erlen.debughelpers import DebugFilesKeyError


def test_url_for_accepts_a_value_named_self() -> None:
    app = Erlen(__name__)

    @app.route("/<self>")
    def index(self: str) -> str:
        return self

    with app.test_request_context():
        assert url_for("index", self="2") == "/2"
        assert app.url_for("index", self="3") == "/3"


@pytest.fixture
def upload_app() -> Erlen:
    app = Erlen(__name__)

    @app.post("/upload")
    def upload() -> str:
        return request.files["report"].filename or ""

    return app


def test_debug_mode_explains_a_file_sent_without_multipart(upload_app: Erlen) -> None:
    upload_app.debug = True
    with pytest.raises(DebugFilesKeyError) as info:
        Client(upload_app).post("/upload", data={"report": "q3.pdf"})
    message = str(info.value)
    assert "no file contents were transmitted" in message
    assert "This was submitted: 'q3.pdf'" in message
    assert 'enctype="multipart/form-data"' in message
    # Still a KeyError, so code that catches one keeps working.
    assert isinstance(info.value, KeyError)


def test_outside_debug_mode_a_missing_file_is_a_plain_400(upload_app: Erlen) -> None:
    response = Client(upload_app).post("/upload", data={"report": "q3.pdf"})
    assert response.status_code == 400


def test_debug_mode_leaves_real_uploads_alone(upload_app: Erlen) -> None:
    upload_app.debug = True
    response = Client(upload_app).post(
        "/upload", data={"report": (Path(__file__).open("rb"), "q3.pdf")}
    )
    assert response.text == "q3.pdf"


def test_instance_folder_of_a_package_under_the_prefix_is_in_var(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Anything under sys.prefix counts as installed, as in Flask, not only
    # the interpreter's own site-packages.
    site = tmp_path / "lib" / "python3" / "site-packages"
    (site / "erlen_test_prefixed_app").mkdir(parents=True)
    (site / "erlen_test_prefixed_app" / "__init__.py").write_text("", "utf-8")
    monkeypatch.syspath_prepend(str(site))
    monkeypatch.setattr(sys, "prefix", str(tmp_path))
    app = Erlen("erlen_test_prefixed_app")
    expected = os.path.join(str(tmp_path), "var", "erlen_test_prefixed_app-instance")
    assert app.instance_path == expected


def test_instance_folder_of_a_site_packages_outside_the_prefix(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A `pip install --prefix` location: the prefix is above its lib folder.
    site = tmp_path / "opt" / "lib" / "python3" / "site-packages"
    site.mkdir(parents=True)
    (site / "erlen_test_opt_app.py").write_text("", "utf-8")
    monkeypatch.syspath_prepend(str(site))
    app = Erlen("erlen_test_opt_app")
    expected = os.path.join(str(tmp_path / "opt"), "var", "erlen_test_opt_app-instance")
    assert app.instance_path == expected


def test_a_missing_config_file_names_the_os_error_in_parentheses(
    tmp_path: Path,
) -> None:
    app = Erlen(__name__, root_path=str(tmp_path))
    with pytest.raises(OSError) as info:
        app.config.from_pyfile("missing.cfg")
    assert str(info.value).startswith(
        "[Errno 2] Unable to load configuration file (No such file or directory):"
    )
