"""The import hook that makes ``import flask`` resolve to Erlen.

There are no files named ``flask`` anywhere in this distribution, so it can
never shadow a real Flask by accident. Instead a :class:`FlaskFinder` on
:data:`sys.meta_path` answers for exactly the public Flask module names. Each
such module is created empty and filled by running the code of a *shim*: a
small module under :mod:`erlen_flask_compat.shims` that imports Erlen's
objects under Flask's names. The shim's code runs in the ``flask.*`` module
itself, so ``flask.json is sys.modules["flask.json"]`` and lazily resolved
names (``flask.flash``) keep working.
"""

from __future__ import annotations

import importlib.util
import sys
import typing as t
from importlib.abc import Loader
from importlib.abc import MetaPathFinder
from importlib.machinery import ModuleSpec
from importlib.machinery import PathFinder

if t.TYPE_CHECKING:
    from collections.abc import Iterator
    from collections.abc import Sequence
    from importlib.metadata import Distribution
    from importlib.metadata import DistributionFinder
    from types import ModuleType

#: Flask's public modules, each with the shim (under ``shims``) that fills it.
FLASK_MODULES: t.Final[dict[str, str]] = {
    "flask": "root",
    "flask.app": "app",
    "flask.blueprints": "blueprints",
    "flask.cli": "cli",
    "flask.config": "config",
    "flask.ctx": "ctx",
    "flask.debughelpers": "debughelpers",
    "flask.globals": "globals",
    "flask.helpers": "helpers",
    "flask.json": "json",
    "flask.json.provider": "json_provider",
    "flask.json.tag": "json_tag",
    "flask.logging": "logging",
    "flask.sansio": "sansio",
    "flask.sansio.app": "sansio_app",
    "flask.sansio.blueprints": "sansio_blueprints",
    "flask.sansio.scaffold": "sansio_scaffold",
    "flask.sessions": "sessions",
    "flask.signals": "signals",
    "flask.templating": "templating",
    "flask.testing": "testing",
    "flask.typing": "typing",
    "flask.views": "views",
    "flask.wrappers": "wrappers",
}

#: The modules above that are packages, so their submodules can be imported.
FLASK_PACKAGES: t.Final = frozenset({"flask", "flask.json", "flask.sansio"})


class RealFlaskError(ImportError):
    """The real Flask is installed or imported, so the compat layer stands aside.

    Two different ``flask`` modules in one process would give extensions
    two different ``current_app`` proxies and two request cycles; failing
    loudly at import is kinder than that.
    """


class FlaskFinder(MetaPathFinder, Loader):
    """Finds and loads the ``flask`` modules as aliases of Erlen's objects,
    and reports the ``Flask`` distribution they stand for."""

    def find_spec(
        self,
        fullname: str,
        path: Sequence[str] | None,
        target: ModuleType | None = None,
    ) -> ModuleSpec | None:
        if fullname not in FLASK_MODULES:
            return None
        return ModuleSpec(fullname, self, is_package=fullname in FLASK_PACKAGES)

    def create_module(self, spec: ModuleSpec) -> None:
        """Let the import system create a plain module."""
        return None

    def exec_module(self, module: ModuleType) -> None:
        """Fill ``module`` by running its shim's code inside it."""
        from . import shims

        # The path finder, not the meta path: hooks such as pytest's assertion
        # rewriter would otherwise claim the shim and hide its code.
        shim = PathFinder.find_spec(
            f"{shims.__name__}.{FLASK_MODULES[module.__name__]}", shims.__path__
        )
        if shim is None or shim.loader is None:  # pragma: no cover - packaging bug
            raise ImportError(f"The shim for {module.__name__!r} is missing.")
        code = shim.loader.get_code(shim.name)  # type: ignore[attr-defined]
        # Tracebacks and inspect point at the shim, the code that runs.
        module.__file__ = shim.origin
        exec(code, module.__dict__)

    def find_distributions(
        self, context: DistributionFinder.Context
    ) -> Iterator[Distribution]:
        """Report a ``Flask`` distribution, unless a real one is installed.

        :mod:`importlib.metadata` asks every finder on the meta path; the
        answer is in :mod:`.metadata`, imported only when asked, since only
        a process that reads packaging metadata has imported
        :mod:`importlib.metadata`.
        """
        from .metadata import find_distributions

        return find_distributions(context)


#: The finder :func:`install` puts on :data:`sys.meta_path`.
finder = FlaskFinder()


def install() -> None:
    """Make ``import flask`` resolve to Erlen, unless a real Flask is around.

    Safe to call more than once.

    :raise RealFlaskError: Flask is already imported, or installed.
    """
    if finder in sys.meta_path:
        return
    _refuse_real_flask()
    sys.meta_path.insert(0, finder)


def uninstall() -> None:
    """Undo :func:`install`: forget the hook and the ``flask`` modules it made."""
    if finder in sys.meta_path:
        sys.meta_path.remove(finder)
    for name in [name for name in sys.modules if name in FLASK_MODULES]:
        del sys.modules[name]


def _refuse_real_flask() -> None:
    module = sys.modules.get("flask")
    if module is not None:
        raise RealFlaskError(
            "erlen_flask_compat cannot make 'flask' resolve to Erlen: the real"
            f" Flask is already imported ({getattr(module, '__file__', module)!r})."
            " Two frameworks under one name would give extensions two different"
            " 'current_app' objects. Import erlen_flask_compat before anything"
            " imports flask (with pytest: 'pytest -p erlen_flask_compat'), and"
            " uninstall Flask from this environment: pip uninstall flask"
        )
    spec = importlib.util.find_spec("flask")
    # A folder named flask without an __init__.py (a namespace package, with
    # no origin) is not Flask; the hook comes first and answers instead.
    if spec is not None and spec.origin is not None:
        raise RealFlaskError(
            "erlen_flask_compat will not shadow the real Flask, which is"
            f" installed in this environment ({spec.origin!r}). Either uninstall"
            " it (pip uninstall flask) so that 'import flask' means Erlen, or"
            " keep Flask and do not import erlen_flask_compat."
        )
