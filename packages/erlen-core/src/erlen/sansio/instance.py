"""Where an application's instance folder is by default."""

from __future__ import annotations

import importlib.util
import os
import sys
import sysconfig


def _package_folder(import_name: str, root_path: str) -> str:
    """The folder that contains the top-level package or module of the app."""
    top_level = import_name.partition(".")[0]
    spec = None
    if top_level != "__main__":
        try:
            spec = importlib.util.find_spec(top_level)
        except (ImportError, ValueError):
            spec = None
    if spec is None:
        return root_path
    if spec.submodule_search_locations:
        package = next(iter(spec.submodule_search_locations))
        return os.path.dirname(os.path.abspath(package))
    if spec.origin and os.path.isfile(spec.origin):
        return os.path.dirname(os.path.abspath(spec.origin))
    return root_path


def _is_installed(folder: str) -> bool:
    """Whether ``folder`` is an install location such as site-packages."""
    folder = os.path.normcase(os.path.abspath(folder))
    install_dirs = {
        os.path.normcase(os.path.abspath(path))
        for key in ("purelib", "platlib")
        if (path := sysconfig.get_paths().get(key))
    }
    return folder in install_dirs


def find_instance_path(import_name: str, root_path: str, name: str) -> str:
    """Return the default instance folder of an app.

    Beside the app's package during development (``<project>/instance``);
    under the environment's prefix when the app is installed, because
    site-packages is no place for mutable files
    (``<prefix>/var/<name>-instance``).
    """
    folder = _package_folder(import_name, root_path)
    if _is_installed(folder):
        return os.path.join(sys.prefix, "var", f"{name}-instance")
    return os.path.join(folder, "instance")
