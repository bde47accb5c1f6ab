"""``app.test_cli_runner()``: the app's commands, run as the erlen command would.

The runner is erlen-testing's, the commands erlen-cli's: these need both.
"""

from __future__ import annotations

import click
import pytest

from erlen import current_app
from erlen import Erlen
from erlen_cli import ScriptInfo
from erlen_cli import with_appcontext
from erlen_cli.testing import ErlenCliRunner


@pytest.fixture
def app() -> Erlen:
    app = Erlen(__name__)

    @app.cli.command("hello")
    @click.argument("name")
    def hello(name: str) -> None:
        click.echo(f"hello {name} from {current_app.name}")

    return app


def test_app_commands_run_in_the_apps_context(app: Erlen) -> None:
    runner = app.test_cli_runner()
    assert isinstance(runner, ErlenCliRunner)
    result = runner.invoke(args=["hello", "ada"])
    assert result.exit_code == 0
    assert result.output == f"hello ada from {app.name}\n"


def test_other_commands_load_the_app_through_script_info(app: Erlen) -> None:
    @click.command()
    @with_appcontext
    def show() -> None:
        click.echo(current_app.name)

    result = app.test_cli_runner().invoke(show)
    assert result.exit_code == 0
    assert result.output == f"{app.name}\n"


def test_an_explicit_obj_is_kept(app: Erlen) -> None:
    other = Erlen("other")

    @click.command()
    @with_appcontext
    def show() -> None:
        click.echo(current_app.name)

    result = app.test_cli_runner().invoke(
        show, obj=ScriptInfo(create_app=lambda: other)
    )
    assert result.output == "other\n"


def test_runner_options_reach_click(app: Erlen) -> None:
    @app.cli.command("where")
    def where() -> None:
        import os

        click.echo(os.environ["GREETING_PLACE"])

    runner = app.test_cli_runner(env={"GREETING_PLACE": "the lab"})
    assert runner.invoke(args=["where"]).output == "the lab\n"


def test_a_failing_command_reports_its_exit_code(app: Erlen) -> None:
    result = app.test_cli_runner().invoke(args=["hello"])
    assert result.exit_code == 2
    assert "Missing argument 'NAME'" in result.output
