"""``erlen shell``: Python with the app's context and shell names, fed from a pipe."""

from __future__ import annotations

import sys
from pathlib import Path

APPS = Path(__file__).parent / "apps"


def test_shell_has_the_app_context_and_shell_names(erlen):
    script = "\n".join(
        [
            "print(app.name, answer)",
            "from erlen import current_app",
            "print(current_app._get_current_object() is app)",
            "g.note = 'set'",
            "print(g.note)",
        ]
    )
    result = erlen("shell", env={"ERLEN_APP": "greeter"}, input=script + "\n")
    assert result.returncode == 0, result.stderr
    # Prompts go to stdout too when input is piped.
    printed = [line.replace(">>> ", "").strip() for line in result.stdout.splitlines()]
    assert "greeter 42" in printed
    assert "True" in printed
    assert "set" in printed


def test_shell_banner_names_python_app_and_instance(erlen):
    result = erlen("shell", env={"ERLEN_APP": "greeter"}, input="")
    assert result.returncode == 0
    assert f"Python {sys.version} on {sys.platform}" in result.stderr
    assert "App: greeter" in result.stderr
    assert f"Instance: {APPS / 'instance'}" in result.stderr


def test_shell_runs_pythonstartup_first(erlen, tmp_path):
    startup = tmp_path / "startup.py"
    startup.write_text("helper = 'from startup'\nanswer = 'overridden by the app'\n")
    result = erlen(
        "shell",
        env={"ERLEN_APP": "greeter", "PYTHONSTARTUP": str(startup)},
        input="print(helper, answer)\n",
    )
    assert "from startup 42" in result.stdout


def test_shell_reports_errors_and_goes_on(erlen):
    result = erlen(
        "shell", env={"ERLEN_APP": "greeter"}, input="1/0\nprint('still here')\n"
    )
    assert "ZeroDivisionError" in result.stderr
    assert "still here" in result.stdout


def test_shell_without_an_app_explains(erlen, tmp_path):
    result = erlen("shell", cwd=tmp_path, input="")
    assert result.returncode == 2
    assert "Could not locate the Erlen application" in result.stderr
