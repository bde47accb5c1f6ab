"""Import Werkzeug's modules without first importing its dev server and test client.

Importing any Werkzeug module runs the package's ``__init__`` first, and
that imports ``werkzeug.serving`` and ``werkzeug.test`` to offer
``werkzeug.run_simple`` and ``werkzeug.Client`` at the top level. They bring
in ``http.server``, ``ssl``, ``http.cookiejar`` and more: an eighth of an
Erlen app's cold start and 2.5 MiB of its memory (tools/bench/README.md), for
names a process behind a production WSGI server never reads.

:func:`defer_package_init` registers the ``werkzeug`` package before
anything imports it, with its ``__init__`` not yet run. Submodules import
as usual, since the package's ``__path__`` is set. The first read of any
other attribute of the package (``werkzeug.Client``, ``from werkzeug import
run_simple``, ``dir(werkzeug)``) runs ``__init__`` in place, so those names
work as always, a little later. This is what :class:`importlib.util.LazyLoader`
does for modules, except that submodules stay importable without loading.
"""

from __future__ import annotations

import sys
import threading
import typing as t
from importlib.machinery import PathFinder
from importlib.util import find_spec
from importlib.util import module_from_spec
from types import ModuleType

#: Held while the package's ``__init__`` runs, so that a second thread waits
#: for it instead of seeing the package half-initialized.
_init_lock = threading.RLock()
_initializing = False


class _UninitializedPackage(ModuleType):
    """The ``werkzeug`` package before its ``__init__`` has run."""

    def __getattr__(self, name: str) -> t.Any:
        # Only called for names not set yet. ``from . import http`` inside
        # the package asks for a submodule this way before importing it:
        # answer "not yet" so the import goes on, without running __init__.
        if PathFinder.find_spec(f"{self.__name__}.{name}", self.__path__):
            raise AttributeError(name)
        _initialize(self)
        try:
            return self.__dict__[name]
        except KeyError:
            raise AttributeError(
                f"module {self.__name__!r} has no attribute {name!r}"
            ) from None

    def __dir__(self) -> list[str]:
        _initialize(self)
        return sorted(self.__dict__)


def _initialize(package: ModuleType) -> None:
    global _initializing
    with _init_lock:
        if type(package) is not _UninitializedPackage or _initializing:
            # Done already, or a name looked up while __init__ runs.
            return
        _initializing = True
        try:
            spec = package.__spec__
            assert spec is not None and spec.loader is not None
            spec.loader.exec_module(package)
            # mypy narrowed the type above; the point is to change it back.
            package.__class__ = ModuleType  # type: ignore[assignment]
        finally:
            _initializing = False


def defer_package_init(name: str = "werkzeug") -> None:
    """Register the package ``name`` without running its ``__init__`` yet.

    Does nothing if the package is imported already, or cannot be found
    (then the first import reports that as usual).
    """
    if name in sys.modules:
        return
    spec = find_spec(name)
    if spec is None or spec.loader is None or spec.submodule_search_locations is None:
        return
    package = module_from_spec(spec)
    package.__class__ = _UninitializedPackage
    # setdefault: another thread may have imported it in the meantime.
    sys.modules.setdefault(name, package)


# erlen_contexts imports this before any Werkzeug module, unless the speedups
# are switched off (see erlen_contexts/__init__.py).
defer_package_init("werkzeug")
