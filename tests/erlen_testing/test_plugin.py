"""erlen-testing fills the ``testing`` slot through its entry point, cheaply."""

from __future__ import annotations

import subprocess
import sys

import pytest

import erlen_testing
from erlen.plugins import Registry
from erlen_testing import EnvironBuilder
from erlen_testing import ErlenClient


def test_the_entry_point_provides_the_first_party_plugin() -> None:
    registry = Registry()
    info = registry.select("testing")
    assert info is not None
    assert info.name == "werkzeug"
    assert info.first_party
    plugin = registry.load("testing")
    assert plugin is erlen_testing.plugin
    assert plugin.client_class is ErlenClient
    assert plugin.environ_builder_class is EnvironBuilder


def test_importing_needs_neither_click_nor_erlen_cli_nor_pytest() -> None:
    code = (
        "import sys, erlen_testing\n"
        "from erlen import Erlen\n"
        "app = Erlen('probe')\n"
        "app.get('/')(lambda: 'hi')\n"
        "assert app.test_client().get('/').text == 'hi'\n"
        "loaded = {m.split('.')[0] for m in sys.modules}\n"
        "print(sorted(loaded & {'click', 'erlen_cli', 'pytest', 'jinja2', 'itsdangerous'}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout == "[]\n"


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="has no attribute 'NoSuchThing'"):
        erlen_testing.NoSuchThing  # noqa: B018
