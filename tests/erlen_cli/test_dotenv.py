"""``.erlenenv``, ``.env`` and ``--env-file``: loaded with python-dotenv, in order."""

from __future__ import annotations

import textwrap

import pytest

ENV_APP = """\
import os

import click

from erlen import Erlen, current_app

app = Erlen("envapp")


@app.cli.command()
@click.argument("names", nargs=-1)
def show(names):
    for name in names:
        click.echo(f"{name}={os.environ.get(name, '<unset>')}")
    click.echo(f"debug={current_app.debug}")
"""

# As if python-dotenv were not installed: importing it raises ImportError.
WITHOUT_DOTENV = textwrap.dedent(
    """\
    import sys
    sys.modules["dotenv"] = None
    sys.argv[0] = "erlen"
    from erlen_cli.main import main
    main()
    """
)


@pytest.fixture
def project(tmp_path):
    (tmp_path / "envapp.py").write_text(ENV_APP)
    return tmp_path


def shown(result) -> dict[str, str]:
    assert result.returncode == 0, result.stderr
    return dict(line.split("=", 1) for line in result.stdout.splitlines())


def test_erlenenv_names_the_app_and_sets_variables(erlen, project):
    (project / ".erlenenv").write_text("ERLEN_APP=envapp\nGREETING=from erlenenv\n")
    result = erlen("show", "GREETING", cwd=project)
    assert shown(result)["GREETING"] == "from erlenenv"


def test_env_wins_over_erlenenv(erlen, project):
    (project / ".erlenenv").write_text(
        "ERLEN_APP=envapp\nGREETING=erlenenv\nONLY=erlenenv\n"
    )
    (project / ".env").write_text("GREETING=env\n")
    values = shown(erlen("show", "GREETING", "ONLY", cwd=project))
    assert values["GREETING"] == "env"
    assert values["ONLY"] == "erlenenv"


def test_environment_wins_over_files(erlen, project):
    (project / ".env").write_text("ERLEN_APP=envapp\nGREETING=env\n")
    result = erlen("show", "GREETING", cwd=project, env={"GREETING": "shell"})
    assert shown(result)["GREETING"] == "shell"


def test_env_file_option_wins_over_default_files(erlen, project):
    (project / ".erlenenv").write_text("ERLEN_APP=envapp\n")
    (project / ".env").write_text("GREETING=env\nKEPT=env\n")
    (project / "custom.env").write_text("GREETING=custom\n")
    values = shown(erlen("-e", "custom.env", "show", "GREETING", "KEPT", cwd=project))
    assert values == {"GREETING": "custom", "KEPT": "env", "debug": "False"}


def test_files_are_found_in_parent_folders(erlen, project):
    (project / ".erlenenv").write_text(
        f"ERLEN_APP={project / 'envapp.py'}\nDEPTH=top\n"
    )
    subfolder = project / "deep" / "er"
    subfolder.mkdir(parents=True)
    assert shown(erlen("show", "DEPTH", cwd=subfolder))["DEPTH"] == "top"


def test_debug_from_a_file_reaches_the_app(erlen, project):
    (project / ".erlenenv").write_text("ERLEN_APP=envapp\nERLEN_DEBUG=1\n")
    assert shown(erlen("show", cwd=project))["debug"] == "True"


def test_debug_option_wins_over_a_file(erlen, project):
    (project / ".erlenenv").write_text("ERLEN_APP=envapp\nERLEN_DEBUG=1\n")
    assert shown(erlen("--no-debug", "show", cwd=project))["debug"] == "False"


def test_help_lists_commands_of_the_app_named_in_a_file(erlen, project):
    (project / ".erlenenv").write_text("ERLEN_APP=envapp\n")
    result = erlen("--help", cwd=project)
    assert "show" in result.stdout.split("Commands:")[1].split()


def test_skip_dotenv_ignores_default_files(erlen, project):
    (project / ".env").write_text("GREETING=env\n")
    result = erlen(
        "--app",
        "envapp",
        "show",
        "GREETING",
        cwd=project,
        env={"ERLEN_SKIP_DOTENV": "1"},
    )
    assert shown(result)["GREETING"] == "<unset>"


def test_skip_dotenv_still_loads_the_env_file_option(erlen, project):
    (project / ".env").write_text("GREETING=env\n")
    (project / "custom.env").write_text("OTHER=custom\n")
    result = erlen(
        "--app",
        "envapp",
        "-e",
        "custom.env",
        "show",
        "GREETING",
        "OTHER",
        cwd=project,
        env={"ERLEN_SKIP_DOTENV": "true"},
    )
    values = shown(result)
    assert values["GREETING"] == "<unset>"
    assert values["OTHER"] == "custom"


def test_missing_env_file_is_a_usage_error(erlen, project):
    result = erlen("-e", "nope.env", "--app", "envapp", "show", cwd=project)
    assert result.returncode == 2
    assert "'nope.env' does not exist" in result.stderr


def test_tip_when_files_exist_but_python_dotenv_does_not(erlen, project):
    (project / ".env").write_text("GREETING=env\n")
    result = erlen.python(
        WITHOUT_DOTENV, "--app", "envapp", "show", "GREETING", cwd=project
    )
    assert shown(result)["GREETING"] == "<unset>"
    assert result.stderr == (
        " * Tip: There are .env or .erlenenv files present. Install python-dotenv"
        ' to use them: pip install "erlen-cli[dotenv]"\n'
    )


def test_no_tip_without_files(erlen, project):
    result = erlen.python(WITHOUT_DOTENV, "--app", "envapp", "show", cwd=project)
    assert result.returncode == 0
    assert result.stderr == ""


def test_env_file_option_needs_python_dotenv(erlen, project):
    (project / "custom.env").write_text("GREETING=custom\n")
    result = erlen.python(
        WITHOUT_DOTENV, "-e", "custom.env", "--app", "envapp", "show", cwd=project
    )
    assert result.returncode == 2
    assert "python-dotenv must be installed to load an env file" in result.stderr
    assert 'pip install "erlen-cli[dotenv]"' in result.stderr
