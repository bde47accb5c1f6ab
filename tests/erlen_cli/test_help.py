"""``erlen --help`` lists the app's commands when it loads, and still works when not."""

from __future__ import annotations

import platform
from importlib.metadata import version


def commands_in(help_text: str) -> list[str]:
    section = help_text.split("Commands:")[1]
    return [line.split()[0] for line in section.splitlines() if line.strip()]


def test_help_lists_builtin_app_and_blueprint_commands(erlen):
    result = erlen("--help", env={"ERLEN_APP": "greeter"})
    assert result.returncode == 0
    assert result.stderr == ""
    assert commands_in(result.stdout) == [
        "admin",
        "hello",
        "plugins",
        "routes",
        "run",
        "shell",
        "show-env",
    ]


def test_no_arguments_shows_the_same_help(erlen):
    result = erlen(env={"ERLEN_APP": "greeter"})
    # click prints this help to stderr, as a usage error.
    shown = result.stdout + result.stderr
    assert "Usage: erlen [OPTIONS] COMMAND [ARGS]..." in shown
    assert "hello" in commands_in(shown)


def test_help_after_app_option(erlen):
    result = erlen("--app", "greeter", "--help")
    assert "hello" in commands_in(result.stdout)


def test_help_without_an_app_lists_builtins_and_says_why(erlen, tmp_path):
    result = erlen("--help", cwd=tmp_path)
    assert result.returncode == 0
    assert commands_in(result.stdout) == ["plugins", "routes", "run", "shell"]
    assert "Error: Could not locate the Erlen application" in result.stderr


def test_help_with_a_broken_app_shows_the_traceback(erlen):
    result = erlen("--help", env={"ERLEN_APP": "broken_runtime"})
    assert result.returncode == 0
    assert commands_in(result.stdout) == ["plugins", "routes", "run", "shell"]
    assert "Traceback (most recent call last)" in result.stderr
    assert "KeyError: 'timeout'" in result.stderr


def test_help_with_an_import_error_shows_the_traceback(erlen):
    result = erlen("--help", env={"ERLEN_APP": "broken_import"})
    assert result.returncode == 0
    assert "run" in commands_in(result.stdout)
    assert "No module named 'erlen_cli_tests_missing_dependency'" in result.stderr


def test_command_help_does_not_need_the_app(erlen, tmp_path):
    result = erlen("run", "--help", cwd=tmp_path)
    assert result.returncode == 0
    assert "--with-threads / --without-threads" in result.stdout
    assert result.stderr == ""


def test_version(erlen, tmp_path):
    from erlen import __version__

    result = erlen("--version", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout.splitlines() == [
        f"Python {platform.python_version()}",
        f"Erlen {__version__}",
        f"Werkzeug {version('werkzeug')}",
    ]
