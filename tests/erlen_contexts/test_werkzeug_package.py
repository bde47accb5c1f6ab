"""Werkzeug's package ``__init__`` waits until one of its own names is read.

Serving requests needs Werkzeug's modules but not its development server or
test client, which its ``__init__`` imports. The tests run fresh interpreters
for what ``import erlen`` does, and a throwaway package for the mechanism.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
import typing as t

import pytest

from erlen_contexts.speedups import ENABLED as SPEEDUPS
from erlen_contexts.speedups.werkzeug_package import defer_package_init

if t.TYPE_CHECKING:
    from pathlib import Path


def run_python(code: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


@pytest.mark.skipif(
    not SPEEDUPS,
    reason="erlen_contexts.speedups.werkzeug_package defers the package's"
    " __init__; ERLEN_NO_SPEEDUPS=1 imports Werkzeug as usual",
)
def test_serving_a_request_imports_neither_the_dev_server_nor_the_test_client() -> None:
    out = run_python(
        """
        import sys
        import erlen

        app = erlen.Erlen(__name__)
        app.add_url_rule("/", "hello", lambda: "Hello")
        environ = {
            "REQUEST_METHOD": "GET", "PATH_INFO": "/", "SERVER_NAME": "localhost",
            "SERVER_PORT": "80", "wsgi.url_scheme": "http", "HTTP_HOST": "localhost",
        }
        body = b"".join(app(environ, lambda status, headers, exc_info=None: None))
        heavy = ("werkzeug.serving", "werkzeug.test", "http.server", "ssl")
        print(body.decode(), [name for name in heavy if name in sys.modules])
        """
    )
    assert out == "Hello []"


def test_the_package_names_work_once_read() -> None:
    out = run_python(
        """
        import erlen
        import werkzeug
        import werkzeug.serving, werkzeug.test, werkzeug.wrappers
        from werkzeug import Client, run_simple

        assert Client is werkzeug.test.Client
        assert run_simple is werkzeug.serving.run_simple
        assert werkzeug.Request is werkzeug.wrappers.Request
        assert {"Client", "Request", "Response", "run_simple"} <= set(dir(werkzeug))
        assert type(werkzeug) is type(erlen), type(werkzeug)
        try:
            werkzeug.no_such_name
        except AttributeError as error:
            print(error)
        """
    )
    assert out == "module 'werkzeug' has no attribute 'no_such_name'"


def test_werkzeug_imported_first_is_left_as_it_is() -> None:
    out = run_python(
        """
        import sys
        import werkzeug
        import erlen

        print(type(werkzeug).__name__, "werkzeug.serving" in sys.modules)
        """
    )
    assert out == "module True"


def test_threads_reading_a_name_at_once_all_get_it() -> None:
    out = run_python(
        """
        import threading
        import erlen
        import werkzeug

        barrier = threading.Barrier(8)
        seen = []

        def read():
            barrier.wait()
            seen.append(werkzeug.Client)

        threads = [threading.Thread(target=read) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        print(len(seen), len(set(seen)))
        """
    )
    assert out == "8 1"


@pytest.fixture
def package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> t.Iterator[str]:
    """A package whose ``__init__`` counts its runs and imports a submodule."""
    root = tmp_path / "deferred_pkg"
    root.mkdir()
    (root / "__init__.py").write_text(
        "import builtins\n"
        "builtins.deferred_pkg_runs = getattr(builtins, 'deferred_pkg_runs', 0) + 1\n"
        "from .heavy import WIDGET as WIDGET\n"
    )
    (root / "heavy.py").write_text("WIDGET = 'widget'\n")
    (root / "light.py").write_text("from . import helpers\nVALUE = helpers.VALUE\n")
    (root / "helpers.py").write_text("VALUE = 42\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    import builtins

    yield "deferred_pkg"
    for name in [name for name in sys.modules if name.startswith("deferred_pkg")]:
        del sys.modules[name]
    vars(builtins).pop("deferred_pkg_runs", None)


def test_submodules_import_without_running_init(package: str) -> None:
    import builtins

    defer_package_init(package)
    light = __import__(f"{package}.light", fromlist=["VALUE"])

    assert light.VALUE == 42
    assert getattr(builtins, "deferred_pkg_runs", 0) == 0
    assert f"{package}.heavy" not in sys.modules


def test_the_first_other_name_runs_init_once(package: str) -> None:
    import builtins

    defer_package_init(package)
    module = sys.modules[package]

    assert module.WIDGET == "widget"
    assert module.WIDGET == "widget"
    assert builtins.deferred_pkg_runs == 1  # type: ignore[attr-defined]
    with pytest.raises(AttributeError, match="has no attribute 'missing'"):
        module.missing  # noqa: B018


def test_a_package_that_does_not_exist_is_left_to_the_import() -> None:
    defer_package_init("no_such_package_here")

    assert "no_such_package_here" not in sys.modules
