"""``import flask`` resolves to Erlen, and never shadows the real Flask."""

from __future__ import annotations

import importlib
import importlib.metadata
import os
import site
import subprocess
import sys
import textwrap
from importlib.machinery import PathFinder
from pathlib import Path

import flask
import pytest

import erlen
import erlen_cli
import erlen_contexts.globals
import erlen_sessions
import erlen_signals
import erlen_testing
from erlen.json.provider import DefaultJSONProvider
from erlen_flask_compat import FLASK_MODULES

PACKAGE = Path(__file__).parents[2] / "packages" / "erlen-flask-compat"


def test_erlen_serves_flask_though_the_real_flask_is_installed_here() -> None:
    # The compat environment installs extensions with their dependencies,
    # as users do, so the real Flask is installed: it stands aside.
    context = importlib.metadata.DistributionFinder.Context(name="flask")
    (real,) = PathFinder.find_distributions(context)
    real_package = Path(str(real.locate_file("flask/__init__.py")))
    assert real_package.is_file()
    assert flask.Flask.__module__ == "erlen_flask_compat.app"
    assert flask.__spec__ is not None
    assert Path(str(flask.__spec__.origin)).parent == PACKAGE / "src" / "erlen_flask_compat" / "shims"
    assert issubclass(flask.Flask, erlen.Erlen)
    # Its metadata is its own: pip and extensions see the Flask installed.
    assert importlib.metadata.version("flask") == real.version


@pytest.mark.parametrize("name", sorted(FLASK_MODULES))
def test_every_public_flask_module_imports(name: str) -> None:
    module = importlib.import_module(name)
    assert sys.modules[name] is module
    assert module.__name__ == name


def test_submodules_are_attributes_of_their_package() -> None:
    import flask.json.provider
    import flask.sansio.scaffold

    assert flask.json is sys.modules["flask.json"]
    assert flask.json.provider is sys.modules["flask.json.provider"]
    assert flask.sansio.scaffold is sys.modules["flask.sansio.scaffold"]


def test_flask_names_are_erlen_objects() -> None:
    import flask.cli
    import flask.globals
    import flask.json.provider
    import flask.sessions
    import flask.signals
    import flask.testing

    assert issubclass(flask.Flask, erlen.Erlen)
    assert flask.request is erlen.request
    assert flask.Blueprint is erlen.Blueprint
    assert flask.globals._cv_request is erlen_contexts.request_ctx_var
    assert flask.json.provider.DefaultJSONProvider is DefaultJSONProvider
    sessions = flask.sessions.SecureCookieSessionInterface
    assert sessions is erlen_sessions.SecureCookieSessionInterface
    assert flask.signals.request_started is erlen_signals.request_started
    assert flask.request_started is erlen_signals.request_started
    assert flask.testing.FlaskClient is erlen_testing.ErlenClient
    assert issubclass(flask.cli.FlaskGroup, erlen_cli.ErlenGroup)


def test_flask_version_is_the_api_release_with_flasks_deprecation() -> None:
    with pytest.deprecated_call(match="'__version__' attribute is deprecated"):
        assert flask.__version__ == "3.1.3"
    with pytest.raises(AttributeError, match="no attribute 'not_a_flask_name'"):
        flask.not_a_flask_name  # noqa: B018


def test_a_flask_module_flask_never_had_is_not_invented() -> None:
    with pytest.raises(ModuleNotFoundError):
        importlib.import_module("flask.not_a_flask_module")


def test_no_file_or_folder_is_named_flask() -> None:
    # A file named flask would shadow the real Flask for every user of the
    # environment; the import hook answers only while the package is imported.
    named = [
        path
        for path in (PACKAGE / "src").rglob("*")
        if path.stem == "flask" and "__pycache__" not in path.parts
    ]
    assert named == []


def _run(code: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        timeout=60,
        check=False,
    )


def test_refuses_when_the_real_flask_is_already_imported() -> None:
    result = _run(
        """
        import sys, types
        sys.modules["flask"] = types.ModuleType("flask")
        import erlen_flask_compat
        """
    )
    assert result.returncode != 0
    assert "RealFlaskError" in result.stderr
    assert "already imported" in result.stderr
    assert "ERLEN_FLASK_COMPAT=0" in result.stderr


def test_takes_precedence_over_an_installed_real_flask(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "flask").mkdir(parents=True)
    (site / "flask" / "__init__.py").write_text("REAL = True\n", encoding="utf-8")
    code = "import flask; print(getattr(flask, 'REAL', False))"
    assert _run(code, PYTHONPATH=str(site)).stdout.strip() == "False"
    result = _run(code, PYTHONPATH=str(site), ERLEN_FLASK_COMPAT="0")
    assert result.stdout.strip() == "True", result.stderr


def test_a_folder_named_flask_is_not_taken_for_flask(tmp_path: Path) -> None:
    (tmp_path / "flask").mkdir()  # a namespace package, such as docs/flask
    result = _run(
        """
        import erlen_flask_compat, flask
        print(flask.Flask.__name__)
        """,
        PYTHONPATH=str(tmp_path),
    )
    assert result.stdout.strip() == "Flask", result.stderr


def test_importing_the_compat_layer_twice_installs_one_hook() -> None:
    result = _run(
        """
        import importlib, sys
        import erlen_flask_compat
        erlen_flask_compat.install()
        print(sum(f is erlen_flask_compat.finder.finder for f in sys.meta_path))
        """
    )
    assert result.stdout.strip() == "1", result.stderr


def test_uninstall_forgets_the_flask_modules() -> None:
    result = _run(
        """
        import erlen_flask_compat, flask.json, sys
        erlen_flask_compat.uninstall()
        print(sorted(name for name in sys.modules if name.split(".")[0] == "flask"))
        import flask
        print(flask.Flask.__module__)
        """
    )
    # What is left is the real Flask, installed in this environment.
    assert result.stdout.split() == ["[]", "flask.app"], result.stderr


def test_flask_is_erlen_in_every_process_with_nothing_imported_first() -> None:
    assert flask.Flask.__module__ == "erlen_flask_compat.app"
    result = _run(
        """
        import sys
        print(sorted(m for m in sys.modules if m.startswith("erlen")))
        import flask
        print(flask.Flask.__module__)
        """
    )
    assert result.stdout.split() == ["[]", "erlen_flask_compat.app"], result.stderr


def test_the_start_up_file_is_in_site_packages_of_an_editable_install() -> None:
    # Hatch's workspace installs erlen-flask-compat editable, here.
    assert any(
        (Path(path) / "erlen_flask_compat.pth").is_file()
        for path in site.getsitepackages()
    )


def test_the_switch_turns_the_compat_layer_off_for_one_process() -> None:
    # The real Flask, installed in this environment, serves instead.
    result = _run("import flask; print(flask.Flask.__module__)", ERLEN_FLASK_COMPAT="0")
    assert result.stdout.split() == ["flask.app"], result.stderr
    result = _run(
        "import erlen_flask_compat, flask; print(flask.Flask.__module__)",
        ERLEN_FLASK_COMPAT="0",
    )
    assert result.stdout.split() == ["flask.app"], result.stderr


def test_the_start_up_hook_makes_way_for_the_finder() -> None:
    result = _run(
        """
        import sys
        names = lambda: [type(f).__name__ for f in sys.meta_path]
        print("ErlenFlaskStartupHook" in names())
        import flask
        print(names().count("FlaskFinder"), "ErlenFlaskStartupHook" in names())
        """
    )
    assert result.stdout.split() == ["True", "1", "False"], result.stderr
