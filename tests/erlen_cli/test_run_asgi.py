"""``erlen run --asgi``: what is checked, and how uvicorn's processes find the app.

These need neither uvicorn nor erlen-asgi, so they run with erlen-cli alone;
serving through a real uvicorn is proved in tests/integration/test_cli_asgi.py.
"""

from __future__ import annotations

import asyncio
import os
import sys
import typing as t
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from erlen import Erlen
from erlen.plugins import Registry
from erlen_cli import Profile
from erlen_cli import run_command
from erlen_cli import ScriptInfo
from erlen_cli.asgi_app import export_app_target
from erlen_cli.asgi_app import reloaded_app
from erlen_cli.asgi_app import script_info_from_environ
from erlen_cli.asgi_app import TARGET_VARIABLE
from erlen_cli.asgi_server import asgi_of
from erlen_cli.asgi_server import certificate_files

pytestmark = pytest.mark.usefixtures("isolated_environ", "target_variable")


@pytest.fixture
def target_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    # setenv first, so that undoing it removes what the test exported.
    monkeypatch.setenv(TARGET_VARIABLE, "")


def create_app() -> Erlen:
    return Erlen("asgi_target")


def broken_factory() -> Erlen:
    raise LookupError("edited into a bug")


def run(*args: str) -> t.Any:
    return CliRunner().invoke(
        run_command, ["--asgi", *args], obj=ScriptInfo(create_app=create_app)
    )


def test_without_uvicorn_the_error_names_the_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A None entry makes the import fail, as when uvicorn is not installed.
    monkeypatch.setitem(sys.modules, "uvicorn", None)
    result = run()
    assert result.exit_code == 1
    assert "'--asgi' serves the app with uvicorn, which is not installed" in result.output
    assert "pip install uvicorn" in result.output


@pytest.mark.parametrize(
    ("args", "refused"),
    [
        (["--without-threads"], "'--with-threads / --without-threads'"),
        (["--debugger"], "'--debugger / --no-debugger'"),
        (["--extra-files", __file__], "'--extra-files'"),
        (["--exclude-patterns", "*.log"], "'--exclude-patterns'"),
    ],
)
def test_options_of_werkzeugs_server_are_refused(args: list[str], refused: str) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert f"{refused} does not apply with '--asgi'" in result.output


def test_an_ssl_context_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "asgi_tls.py").write_text(
        "import ssl\ncontext = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    result = run("--cert", "asgi_tls.context")
    assert result.exit_code == 2
    assert "uvicorn builds its own SSL context from files" in result.output


def test_without_erlen_asgi_the_error_is_cores(monkeypatch: pytest.MonkeyPatch) -> None:
    # A registry that finds no plugin, as when erlen-asgi is not installed.
    monkeypatch.setattr("erlen.plugins._registry.registry", Registry(discover=False))
    with pytest.raises(click.ClickException, match=r'pip install "erlen-core\[asgi\]"'):
        asgi_of(Erlen("no_asgi"))


def test_adhoc_certificate_files_last_while_serving() -> None:
    with certificate_files("adhoc") as (certfile, keyfile):
        assert certfile and keyfile
        assert Path(certfile).read_text().startswith("-----BEGIN CERTIFICATE-----")
        assert "PRIVATE KEY" in Path(keyfile).read_text()
    assert not os.path.exists(certfile)


def test_reloaded_processes_find_the_app_the_way_the_command_did() -> None:
    profile = Profile("flask", "Flask", "FLASK", (".flaskenv", ".env"), "flask.commands")
    export_app_target(
        ScriptInfo("shop:create_app('dev')", set_debug_flag=False, profile=profile)
    )
    found = script_info_from_environ()
    assert found.app_import_path == "shop:create_app('dev')"
    assert found.create_app is None
    assert not found.set_debug_flag
    assert found.profile == profile

    export_app_target(ScriptInfo(create_app=create_app))
    assert script_info_from_environ().load_app().name == "asgi_target"


def test_a_factory_without_an_importable_name_cannot_be_reloaded() -> None:
    with pytest.raises(click.UsageError, match="cannot find the app again"):
        export_app_target(ScriptInfo(create_app=lambda: Erlen("x")))


def test_a_load_error_is_served_with_the_same_traceback_each_time() -> None:
    export_app_target(ScriptInfo(create_app=broken_factory))
    app = reloaded_app()

    async def receive() -> dict[str, t.Any]:
        return {"type": "http.request"}

    async def send(message: t.MutableMapping[str, t.Any]) -> None:
        raise AssertionError("nothing is sent: the server answers 500")

    depths = []
    for _ in range(3):
        with pytest.raises(LookupError) as info:
            asyncio.run(app({"type": "http"}, receive, send))  # type: ignore[arg-type]
        depths.append(len(info.traceback))
    assert depths[0] == depths[1] == depths[2]
