"""Commands an app, a blueprint or a project script adds, driven by click's runner."""

from __future__ import annotations

import click
import pytest
from click.testing import CliRunner

from erlen import Blueprint
from erlen import current_app
from erlen import Erlen
from erlen_cli import AppGroup
from erlen_cli import ErlenGroup
from erlen_cli import NoAppException
from erlen_cli import Profile
from erlen_cli import ScriptInfo
from erlen_cli import with_appcontext

pytestmark = pytest.mark.usefixtures("isolated_environ")


@pytest.fixture
def app() -> Erlen:
    return Erlen("custom_commands_app", static_folder=None)


def invoke(app: Erlen, command: click.Command, *args: str) -> click.testing.Result:
    return CliRunner().invoke(
        command, list(args), obj=ScriptInfo(create_app=lambda: app)
    )


def test_app_command_runs_in_the_app_context(app):
    @app.cli.command()
    @click.argument("who")
    def greet(who: str) -> None:
        click.echo(f"{current_app.name} greets {who}")

    result = invoke(app, app.cli, "greet", "Ada")
    assert result.exit_code == 0, result.output
    assert result.output == "custom_commands_app greets Ada\n"


def test_bare_command_decorator(app):
    @app.cli.command
    def ping() -> None:
        click.echo(current_app.name)

    assert invoke(app, app.cli, "ping").output == "custom_commands_app\n"


def test_command_without_app_context(app):
    from erlen import has_app_context

    @app.cli.command(with_appcontext=False)
    def plain() -> None:
        click.echo(f"context={has_app_context()}")

    assert invoke(app, app.cli, "plain").output == "context=False\n"


def test_subgroups_are_app_groups_whose_commands_get_the_context(app):
    @app.cli.group()
    def db() -> None:
        """Database commands."""

    @db.command()
    def init() -> None:
        click.echo(f"init {current_app.name}")

    @db.group
    def users() -> None:
        """Nested, declared bare."""

    @users.command
    def count() -> None:
        click.echo(f"count in {current_app.name}")

    assert isinstance(db, AppGroup)
    assert isinstance(users, AppGroup)
    assert invoke(app, app.cli, "db", "init").output == "init custom_commands_app\n"
    assert (
        invoke(app, app.cli, "db", "users", "count").output
        == "count in custom_commands_app\n"
    )


def test_with_appcontext_on_a_plain_click_command(app):
    @click.command()
    @with_appcontext
    def report() -> None:
        click.echo(current_app.name)

    assert invoke(app, report).output == "custom_commands_app\n"


def test_with_appcontext_keeps_click_options(app):
    @click.command()
    @click.option("--times", type=int, default=1)
    @with_appcontext
    def repeat(times: int) -> None:
        click.echo(current_app.name * times)

    result = invoke(app, repeat, "--times", "2")
    assert result.output == "custom_commands_app" * 2 + "\n"


def test_with_appcontext_without_an_app_fails_with_the_reason(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)

    @click.command()
    @with_appcontext
    def report() -> None:
        raise AssertionError("never reached")

    result = CliRunner().invoke(report, [], obj=ScriptInfo())
    assert result.exit_code == 2
    assert "Could not locate the Erlen application" in result.output


@pytest.mark.parametrize(
    ("cli_group", "args"),
    [
        (..., ["admin", "wipe"]),
        ("ops", ["ops", "wipe"]),
        (None, ["wipe"]),
    ],
)
def test_blueprint_commands_join_the_app_under_cli_group(app, cli_group, args):
    kwargs = {} if cli_group is ... else {"cli_group": cli_group}
    admin = Blueprint("admin", __name__, **kwargs)

    @admin.cli.command()
    def wipe() -> None:
        click.echo(f"wiped {current_app.name}")

    app.register_blueprint(admin)
    result = invoke(app, app.cli, *args)
    assert result.exit_code == 0, result.output
    assert result.output == "wiped custom_commands_app\n"


def test_cli_group_given_at_registration_wins(app):
    admin = Blueprint("admin", __name__)

    @admin.cli.command()
    def wipe() -> None:
        click.echo("wiped")

    app.register_blueprint(admin, cli_group="manage")
    assert invoke(app, app.cli, "manage", "wipe").output == "wiped\n"


def test_erlen_group_with_create_app_lists_and_runs_app_commands(app):
    @app.cli.command()
    def hello() -> None:
        click.echo(f"hello from {current_app.name}")

    cli = ErlenGroup(create_app=lambda: app)
    runner = CliRunner()
    listing = runner.invoke(cli, ["--help"])
    assert listing.exit_code == 0
    commands = listing.output.split("Commands:")[1].split()
    for name in ("hello", "plugins", "routes", "run", "shell"):
        assert name in commands
    assert runner.invoke(cli, ["hello"]).output == "hello from custom_commands_app\n"


def test_debug_option_sets_app_debug(app):
    @app.cli.command()
    def mode() -> None:
        click.echo(f"debug={current_app.debug}")

    cli = ErlenGroup(create_app=lambda: app)
    runner = CliRunner()
    assert runner.invoke(cli, ["--debug", "mode"]).output == "debug=True\n"
    assert runner.invoke(cli, ["--no-debug", "mode"]).output == "debug=False\n"


def test_debug_flag_from_the_environment(app):
    @app.cli.command()
    def mode() -> None:
        click.echo(f"debug={current_app.debug}")

    cli = ErlenGroup(create_app=lambda: app)
    result = CliRunner().invoke(cli, ["mode"], env={"ERLEN_DEBUG": "1"})
    assert result.output == "debug=True\n"


def test_set_debug_flag_false_leaves_the_app_alone(app):
    app.debug = True

    @app.cli.command()
    def mode() -> None:
        click.echo(f"debug={current_app.debug}")

    cli = ErlenGroup(create_app=lambda: app, set_debug_flag=False)
    assert CliRunner().invoke(cli, ["mode"]).output == "debug=True\n"


def test_unknown_command_is_reported(app):
    cli = ErlenGroup(create_app=lambda: app)
    result = CliRunner().invoke(cli, ["nope"])
    assert result.exit_code == 2
    assert "No such command 'nope'" in result.output


def test_script_info_loads_the_app_once(app):
    calls = []

    def create_app() -> Erlen:
        calls.append(1)
        return app

    info = ScriptInfo(create_app=create_app)
    assert info.load_app() is info.load_app() is app
    assert calls == [1]


def test_no_app_exception_is_a_usage_error():
    assert issubclass(NoAppException, click.UsageError)


def test_another_profile_renames_the_environment(app):
    """What erlen-flask-compat relies on: FLASK_ variables, no code copied."""
    flask_like = Profile(
        prog="flask",
        framework="Flask",
        env_prefix="FLASK",
        dotenv_files=(".flaskenv", ".env"),
        commands_group="flask.commands",
    )

    @app.cli.command()
    def mode() -> None:
        import os

        click.echo(f"debug={current_app.debug} FLASK_DEBUG={os.environ['FLASK_DEBUG']}")

    cli = ErlenGroup(create_app=lambda: app, profile=flask_like)
    runner = CliRunner()
    assert (
        runner.invoke(cli, ["--debug", "mode"]).output == "debug=True FLASK_DEBUG=1\n"
    )
    result = runner.invoke(cli, ["mode"], env={"FLASK_DEBUG": "1", "ERLEN_DEBUG": "0"})
    assert result.output == "debug=True FLASK_DEBUG=1\n"
    assert "'.flaskenv'" in runner.invoke(cli, ["--help"]).output


def test_profile_as_a_class_attribute(app):
    class FlaskGroup(ErlenGroup):
        profile = Profile(
            "flask", "Flask", "FLASK", (".flaskenv", ".env"), "flask.commands"
        )

    @app.cli.command()
    def mode() -> None:
        click.echo(f"debug={current_app.debug}")

    result = CliRunner().invoke(
        FlaskGroup(create_app=lambda: app), ["mode"], env={"FLASK_DEBUG": "true"}
    )
    assert result.output == "debug=True\n"
