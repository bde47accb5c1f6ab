"""Loading environment variables from ``.env`` files with python-dotenv.

python-dotenv is optional (``pip install "erlen-cli[dotenv]"``). Without it
the files are ignored, and a one-line tip says why when some are present, so
a variable that "does nothing" does not cost anyone an afternoon.
"""

from __future__ import annotations

import os

import click

from .profile import ERLEN
from .profile import Profile

INSTALL_DOTENV = 'pip install "erlen-cli[dotenv]"'


def load_dotenv(
    path: str | os.PathLike[str] | None = None,
    load_defaults: bool = True,
    profile: Profile = ERLEN,
) -> bool:
    """Load variables from the default dotenv files and from ``path``.

    The default files (``.erlenenv``, then ``.env``) are searched from the
    working directory upwards, so a command run in a subfolder of the
    project still finds them. Later files win over earlier ones, ``path``
    wins over both, and a variable already set in the environment wins over
    every file: the files hold development defaults, the shell overrides.

    :param path: an extra file to load, with the highest file precedence.
    :param load_defaults: whether to look for the default files.
    :return: whether any variable was read from a file.
    """
    try:
        import dotenv
    except ImportError:
        _tip_if_files_present(path, load_defaults, profile)
        return False

    files: list[str | os.PathLike[str]] = []
    if load_defaults:
        files.extend(
            found
            for name in profile.dotenv_files
            if (found := dotenv.find_dotenv(name, usecwd=True))
        )
    if path is not None and os.path.isfile(path):
        files.append(path)

    values: dict[str, str | None] = {}
    for file in files:
        values.update(dotenv.dotenv_values(file, encoding="utf-8"))
    for key, value in values.items():
        if value is not None:
            os.environ.setdefault(key, value)
    return bool(values)


def _tip_if_files_present(
    path: str | os.PathLike[str] | None, load_defaults: bool, profile: Profile
) -> None:
    defaults = load_defaults and any(map(os.path.isfile, profile.dotenv_files))
    if path is not None or defaults:
        names = " or ".join(reversed(profile.dotenv_files))
        click.secho(
            f" * Tip: There are {names} files present. Install python-dotenv"
            f" to use them: {INSTALL_DOTENV}",
            fg="yellow",
            err=True,
        )
