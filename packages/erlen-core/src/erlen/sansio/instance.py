"""Where an application's instance folder is by default."""

from __future__ import annotations

import importlib.util
import os
import sys


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


def _install_prefix(folder: str) -> str | None:
    """The prefix ``folder`` is installed under, or ``None`` if it is not installed.

    Anything under :data:`sys.prefix` is installed, as Flask decides. A
    ``site-packages`` folder elsewhere (a ``--prefix`` or ``--user`` install)
    is installed under the folder that holds its ``lib``.
    """
    prefix = os.path.abspath(sys.prefix)
    if _is_within(os.path.abspath(folder), prefix):
        return prefix
    parent, name = os.path.split(folder)
    if name.lower() != "site-packages":
        return None
    # <prefix>/lib/site-packages, or <prefix>/lib/pythonX.Y/site-packages.
    above, lib = os.path.split(parent)
    if lib.lower() == "lib":
        return above
    if os.path.basename(above).lower() == "lib":
        return os.path.dirname(above)
    return parent


def find_package(
    import_name: str, root_path: str | None = None
) -> tuple[str | None, str]:
    """Return the prefix the app's package is installed under, and its folder.

    The prefix is ``None`` when the package is not installed (a project
    folder during development). The folder is the one that holds the
    top-level package or module; ``root_path``, by default the working
    directory, when it cannot be found. Flask exports the same function
    from ``flask.sansio.scaffold``, which erlen-flask-compat re-exports.
    """
    fallback = os.getcwd() if root_path is None else root_path
    folder = _package_folder(import_name, fallback)
    return _install_prefix(folder), folder


def find_instance_path(import_name: str, root_path: str, name: str) -> str:
    """Return the default instance folder of an app.

    Beside the app's package during development (``<project>/instance``);
    under the installation's prefix when the app is installed, because
    site-packages is no place for mutable files
    (``<prefix>/var/<name>-instance``).
    """
    prefix, folder = find_package(import_name, root_path)
    if prefix is not None:
        return os.path.join(prefix, "var", f"{name}-instance")
    return os.path.join(folder, "instance")


def _is_within(path: str, folder: str) -> bool:
    """Whether the absolute ``path`` is ``folder`` or inside it."""
    # os.path, not pathlib: importing pathlib cost every app's cold start
    # more than this whole module.
    try:
        common = os.path.commonpath([path, folder])
    except ValueError:  # on different drives (Windows)
        return False
    return os.path.normcase(common) == os.path.normcase(folder)
