"""The import hook that makes ``import flask`` resolve to Erlen.

There are no files named ``flask`` anywhere in this distribution, so pip
never takes it for Flask. Instead a :class:`FlaskFinder` first on
:data:`sys.meta_path` answers for exactly the public Flask module names,
ahead of any real Flask installed beside it. Each such module is created
empty and filled by running the code of a *shim*: a small module under
:mod:`erlen_flask_compat.shims` that imports Erlen's objects under Flask's
names. The shim's code runs in the ``flask.*`` module itself, so
``flask.json is sys.modules["flask.json"]`` and lazily resolved names
(``flask.flash``) keep working.

The wheel's ``erlen_flask_compat.pth`` puts a tiny start-up hook on the
meta path of every process; the first ``import flask`` calls
:func:`take_over`, which puts :class:`FlaskFinder` in its place.
"""

from __future__ import annotations

import os
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
    from types import CodeType
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

#: Every module the finder answers for: the public ones, and ``flask.__main__``,
#: which ``python -m flask`` runs (its shim is named so that Werkzeug's
#: reloader restarts ``python -m flask``).
SHIMS: t.Final[dict[str, str]] = {**FLASK_MODULES, "flask.__main__": "__main__"}

#: The environment variable that turns the compat layer off for one process
#: when set to ``0``; ``erlen_flask_compat.pth`` reads it too.
SWITCH: t.Final = "ERLEN_FLASK_COMPAT"

#: The class name of the start-up hook ``erlen_flask_compat.pth`` installs.
STARTUP_HOOK: t.Final = "ErlenFlaskStartupHook"

_SHIMS_DIR: t.Final = os.path.join(os.path.dirname(__file__), "shims")


class RealFlaskError(ImportError):
    """The real Flask is already imported, too late for the compat layer.

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
        shim = SHIMS.get(fullname)
        if shim is None:
            return None
        # The shim's path as origin: tracebacks and inspect show the code
        # that runs, and runpy's sys.argv[0] names a real file.
        spec = ModuleSpec(
            fullname,
            self,
            origin=os.path.join(_SHIMS_DIR, f"{shim}.py"),
            is_package=fullname in FLASK_PACKAGES,
        )
        spec.has_location = True
        return spec

    def create_module(self, spec: ModuleSpec) -> None:
        """Let the import system create a plain module."""
        return None

    def exec_module(self, module: ModuleType) -> None:
        """Fill ``module`` by running its shim's code inside it."""
        exec(self.get_code(module.__name__), module.__dict__)

    def get_code(self, fullname: str) -> CodeType:
        """The code of ``fullname``'s shim; runpy asks for it (``python -m flask``)."""
        from . import shims

        # The path finder, not the meta path: hooks such as pytest's assertion
        # rewriter would otherwise claim the shim and hide its code.
        shim = PathFinder.find_spec(f"{shims.__name__}.{SHIMS[fullname]}", shims.__path__)
        if shim is None or shim.loader is None:  # pragma: no cover - packaging bug
            raise ImportError(f"The shim for {fullname!r} is missing.")
        return shim.loader.get_code(shim.name)  # type: ignore[attr-defined,no-any-return]

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
    """Make ``import flask`` resolve to Erlen, ahead of any installed Flask.

    Safe to call more than once. The start-up hook, if any, makes way.

    :raise RealFlaskError: the real Flask is already imported.
    """
    if finder in sys.meta_path:
        return
    _refuse_imported_flask()
    sys.meta_path[:] = [
        finder,
        *(hook for hook in sys.meta_path if type(hook).__name__ != STARTUP_HOOK),
    ]


def uninstall() -> None:
    """Undo :func:`install`: forget the hook and the ``flask`` modules it made."""
    if finder in sys.meta_path:
        sys.meta_path.remove(finder)
    for name in [name for name in sys.modules if name in SHIMS]:
        del sys.modules[name]


def is_switched_off() -> bool:
    """Whether ``ERLEN_FLASK_COMPAT=0`` turns the compat layer off in this process."""
    return os.environ.get(SWITCH) == "0"


def take_over(
    fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
) -> ModuleSpec | None:
    """Answer the start-up hook's first ``import flask``, then replace the hook.

    Importing this module imported the package, whose import installed
    :data:`finder`; it answers from now on.
    """
    install()
    return finder.find_spec(fullname, path, target)


def _refuse_imported_flask() -> None:
    module = sys.modules.get("flask")
    if module is not None:
        raise RealFlaskError(
            "erlen_flask_compat cannot make 'flask' resolve to Erlen: the real"
            f" Flask is already imported ({getattr(module, '__file__', module)!r})."
            " Two frameworks under one name would give extensions two different"
            " 'current_app' objects. Something imported flask before Python's"
            f" start-up hook could act: was {SWITCH}=0 set, or erlen-flask-compat"
            " installed without its erlen_flask_compat.pth file? Import"
            " erlen_flask_compat before anything imports flask."
        )
