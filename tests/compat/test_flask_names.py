"""``flask.Flask`` and the ``flask`` command go by Flask's names: ``FLASK_``
variables, ``.flaskenv``, ``from_prefixed_env()`` and the ``flask`` script."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import textwrap
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import click
import flask
import pytest
from click.testing import CliRunner
from flask.cli import FlaskGroup
from flask.cli import ScriptInfo

_OWN_PREFIXES = ("ERLEN_", "FLASK_")


@pytest.fixture(autouse=True)
def clean_environ(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No FLASK_ variables from the shell; none left behind by dotenv files."""
    for name in list(os.environ):
        if name.startswith(_OWN_PREFIXES):
            monkeypatch.delenv(name)
    saved = dict(os.environ)
    yield
    os.environ.clear()
    os.environ.update(saved)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A folder with a Flask app module, as the working directory."""
    (tmp_path / "hello.py").write_text(
        textwrap.dedent(
            """
            import os

            from flask import Flask

            app = Flask(__name__)


            @app.route("/hi")
            def hi():
                return "hi"


            @app.route("/greeting")
            def greeting_page():
                return f"{os.environ.get('GREETING')} {app.debug}"


            @app.cli.command()
            def greeting():
                print(os.environ.get("GREETING"), app.debug)
            """
        ),
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    monkeypatch.syspath_prepend(str(tmp_path))
    yield tmp_path
    sys.modules.pop("hello", None)


def test_flask_debug_turns_debug_mode_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ERLEN_DEBUG", "1")
    assert flask.Flask(__name__).debug is False
    monkeypatch.setenv("FLASK_DEBUG", "1")
    assert flask.Flask(__name__).debug is True


def test_from_prefixed_env_reads_flask_variables(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("FLASK_SECRET_KEY", "from-env")
    monkeypatch.setenv("FLASK_DB__PORT", "5432")
    monkeypatch.setenv("ERLEN_OTHER", "1")
    app = flask.Flask(__name__)
    app.config.from_prefixed_env()
    assert app.config["SECRET_KEY"] == "from-env"
    assert app.config["DB"] == {"PORT": 5432}
    assert "OTHER" not in app.config
    assert isinstance(app.config, flask.Config)


def test_g_calls_itself_flask_g() -> None:
    app = flask.Flask("shop")
    with app.app_context():
        assert repr(flask.g) == "<flask.g of 'shop'>"


def test_app_cli_is_named_after_the_app() -> None:
    assert flask.Flask("shop").cli.name == "shop"


def test_the_flask_command_is_named_flask() -> None:
    from flask.cli import cli

    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0, result.output
    assert "FLASK_APP" in result.output
    assert cli.name == "flask"


def test_flask_version_names_the_api_and_erlen() -> None:
    from flask.cli import cli

    result = CliRunner().invoke(cli, ["--version"])
    assert "Flask 3.1.3 API, served by Erlen" in result.output
    assert "Werkzeug" in result.output


def test_test_cli_runner_reads_flask_debug(monkeypatch: pytest.MonkeyPatch) -> None:
    app = flask.Flask(__name__)

    @app.cli.command()
    def debug() -> None:
        click.echo(flask.current_app.debug)

    monkeypatch.setenv("FLASK_DEBUG", "1")
    result = app.test_cli_runner().invoke(args=["debug"])
    assert result.output == "True\n"


def test_flask_group_loads_flaskenv_and_flask_app(project: Path) -> None:
    (project / ".flaskenv").write_text(
        "FLASK_APP=hello\nFLASK_DEBUG=1\nGREETING=from-flaskenv\n", encoding="utf-8"
    )
    result = CliRunner().invoke(FlaskGroup(), ["greeting"])
    assert result.exit_code == 0, result.output
    assert result.output == "from-flaskenv True\n"


def test_dotenv_wins_over_flaskenv(project: Path) -> None:
    (project / ".flaskenv").write_text(
        "FLASK_APP=hello\nGREETING=from-flaskenv\n", encoding="utf-8"
    )
    (project / ".env").write_text("GREETING=from-env-file\n", encoding="utf-8")
    result = CliRunner().invoke(FlaskGroup(), ["greeting"])
    assert result.output == "from-env-file False\n"


def test_script_info_reads_flask_debug(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FLASK_DEBUG", "1")
    info = ScriptInfo(create_app=lambda: flask.Flask(__name__))
    assert info.load_app().debug is True


def test_flask_skip_dotenv_ignores_the_files(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (project / ".flaskenv").write_text("GREETING=from-flaskenv\n", encoding="utf-8")
    monkeypatch.setenv("FLASK_SKIP_DOTENV", "1")
    result = CliRunner().invoke(FlaskGroup(), ["--app", "hello", "greeting"])
    assert result.output == "None False\n"


def test_the_flask_script_serves_a_flask_app(project: Path) -> None:
    executable = shutil.which("flask", path=os.path.dirname(sys.executable))
    assert executable is not None, "erlen-flask-compat installs a 'flask' script"
    result = subprocess.run(
        [executable, "--app", "hello", "routes"],
        capture_output=True,
        text=True,
        cwd=project,
        env={k: v for k, v in os.environ.items() if not k.startswith(_OWN_PREFIXES)},
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "/hi" in result.stdout
    assert "hi" in result.stdout.split()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get_when_up(url: str, server: subprocess.Popen[bytes]) -> str:
    deadline = time.monotonic() + 20
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.read().decode()  # type: ignore[no-any-return]
        except urllib.error.URLError:
            if server.poll() is not None or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def test_app_run_loads_flaskenv_as_flask_does(project: Path) -> None:
    (project / ".flaskenv").write_text(
        "GREETING=from-flaskenv\nFLASK_DEBUG=1\n", encoding="utf-8"
    )
    port = _free_port()
    (project / "serve.py").write_text(
        "import erlen_flask_compat\n"
        "from hello import app\n"
        # No reloader: its child process would outlive the terminated parent.
        f"app.run(port={port}, use_reloader=False)\n",
        encoding="utf-8",
    )
    server = subprocess.Popen(
        [sys.executable, "serve.py"],
        cwd=project,
        env={k: v for k, v in os.environ.items() if not k.startswith(_OWN_PREFIXES)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        body = _get_when_up(f"http://127.0.0.1:{port}/greeting", server)
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert body == "from-flaskenv True"


@pytest.mark.filterwarnings("ignore::UserWarning:flask.app")
def test_a_filter_on_flask_app_silences_the_server_name_warning() -> None:
    app = flask.Flask(__name__, subdomain_matching=True)
    app.config["SERVER_NAME"] = "example.test"
    app.add_url_rule("/", "index", lambda: "index")
    response = app.test_client().get("/", base_url="http://other.test")
    assert response.status_code == 404
