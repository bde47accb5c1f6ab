"""erlen-cli fills the ``cli`` slot, so apps and blueprints get command groups."""

from __future__ import annotations

from erlen import Blueprint
from erlen import Erlen
from erlen.plugins import available
from erlen.plugins import registry
from erlen_cli import __version__
from erlen_cli import AppGroup


def test_installed_in_the_cli_slot():
    info = available("cli")["click"]
    assert (info.distribution, info.version) == ("erlen-cli", __version__)
    assert info.value == "erlen_cli.plugin:plugin"
    assert registry.select("cli") is info


def test_app_and_blueprint_groups_are_app_groups():
    app = Erlen("plugin_slot_app", static_folder=None)
    assert isinstance(app.cli, AppGroup)
    assert app.cli is app.cli
    assert isinstance(Blueprint("bp", __name__).cli, AppGroup)


def test_unguarded_app_run_does_not_block_a_command(erlen):
    result = erlen("name", env={"ERLEN_APP": "unguarded"})
    assert result.returncode == 0, result.stderr
    assert result.stdout == "unguarded\n"
    assert "Ignoring a call to 'app.run()'" in result.stderr
    assert "'erlen' command" in result.stderr
