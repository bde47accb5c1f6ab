"""Finding the folder an application or blueprint lives in."""

from __future__ import annotations

import importlib.util
import os
import sys


def get_root_path(import_name: str) -> str:
    """Return the folder of the module or package named ``import_name``.

    Relative paths such as ``static`` and ``templates`` resolve against it.
    Falls back to the working directory for code that has no file, such as
    an interactive session.
    """
    module = sys.modules.get(import_name)
    module_file: str | None = getattr(module, "__file__", None)
    if module_file:
        return os.path.dirname(os.path.abspath(module_file))

    try:
        spec = importlib.util.find_spec(import_name)
    except (ImportError, ValueError):
        spec = None
    if spec is None or import_name == "__main__":
        return os.getcwd()
    if spec.origin is None and spec.submodule_search_locations:
        # A namespace package: its folder is the first search location.
        return os.path.abspath(next(iter(spec.submodule_search_locations)))
    if spec.origin is None or spec.origin in {"built-in", "frozen", "namespace"}:
        raise RuntimeError(
            f"No root path can be found for the module {import_name!r}: it has no"
            " file. Pass 'root_path=' explicitly when creating the application"
            " or blueprint."
        )
    return os.path.dirname(os.path.abspath(spec.origin))
