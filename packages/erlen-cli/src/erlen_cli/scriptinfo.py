"""What a command needs to load the application, shared through click's context."""

from __future__ import annotations

import os
import typing as t

import click

from .discovery import locate_app
from .discovery import NoAppException
from .discovery import prepare_import
from .discovery import split_import_path
from .profile import ERLEN
from .profile import Profile

if t.TYPE_CHECKING:
    from erlen.app import Erlen

_DEFAULT_FILES = ("wsgi.py", "app.py")


class ScriptInfo:
    """How to find the app, and the app once it is loaded.

    The ``erlen`` command creates one per invocation and passes it as
    click's ``ctx.obj``. Tests and custom scripts create their own, usually
    with ``create_app``, to run commands against an app they already have.

    :param app_import_path: what ``--app`` names; see :mod:`.discovery`.
    :param create_app: a function returning the app; used instead of
        ``app_import_path`` when given.
    :param set_debug_flag: set ``app.debug`` from ``ERLEN_DEBUG`` after
        loading, so ``--debug`` works whatever the app's config says.
    :param load_dotenv_defaults: load ``.erlenenv`` and ``.env``; turned off
        by ``ERLEN_SKIP_DOTENV`` whatever is passed here.
    :param profile: the names the command goes by (see :mod:`.profile`).
    """

    def __init__(
        self,
        app_import_path: str | None = None,
        create_app: t.Callable[[], Erlen] | None = None,
        set_debug_flag: bool = True,
        load_dotenv_defaults: bool = True,
        profile: Profile = ERLEN,
    ) -> None:
        self.app_import_path = app_import_path
        self.create_app = create_app
        #: Free storage for commands and extensions.
        self.data: dict[t.Any, t.Any] = {}
        self.set_debug_flag = set_debug_flag
        self.profile = profile
        self.load_dotenv_defaults = profile.load_dotenv_by_default(load_dotenv_defaults)
        self._loaded_app: Erlen | None = None

    def load_app(self) -> Erlen:
        """Load the app, once; later calls return the same object.

        :raise NoAppException: it could not be found; the message lists
            what was tried.
        """
        if self._loaded_app is not None:
            return self._loaded_app
        if self.create_app is not None:
            app = self.create_app()
        elif self.app_import_path:
            module, name = split_import_path(self.app_import_path)
            app = locate_app(prepare_import(module), name)
        else:
            app = self._load_default()
        if self.set_debug_flag:
            app.debug = self.profile.debug_flag()
        self._loaded_app = app
        return app

    def _load_default(self) -> Erlen:
        """Load the app from ``wsgi.py`` or ``app.py`` in the working directory."""
        for name in _DEFAULT_FILES:
            if os.path.isfile(name):
                return locate_app(prepare_import(name), None)
        profile = self.profile
        raise NoAppException(
            f"Could not locate the {profile.framework} application. Tried, in"
            f" order: the '--app' option and the {profile.env_name('APP')}"
            f" environment variable (neither is set), then the files"
            f" {' and '.join(map(repr, _DEFAULT_FILES))} in {os.getcwd()!r} (neither"
            f" exists). Use '{profile.prog} --app module:name', set"
            f" {profile.env_name('APP')}, or run the command in the folder that"
            " holds wsgi.py or app.py."
        )


#: Pass the current :class:`ScriptInfo` as a command's first argument.
pass_script_info = click.make_pass_decorator(ScriptInfo, ensure=True)
