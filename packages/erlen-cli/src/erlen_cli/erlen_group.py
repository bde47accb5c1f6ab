"""The ``erlen`` command itself: built-in, extension and app commands together."""

from __future__ import annotations

import os
import traceback
import typing as t

import click

from .commands import DEFAULT_COMMANDS
from .discovery import NoAppException
from .dotenv import load_dotenv as load_dotenv_files
from .entrypoints import load_commands
from .groups import AppGroup
from .groups import push_app_context
from .options import app_option
from .options import debug_option
from .options import env_file_option
from .options import version_option
from .profile import ERLEN
from .profile import Profile
from .scriptinfo import ScriptInfo

if t.TYPE_CHECKING:
    from erlen.app import Erlen


class ErlenGroup(AppGroup):
    """The ``erlen`` command: built-in commands, extensions' and the app's.

    The app's commands are found by loading the app, so ``--help`` lists
    them when it loads, and still lists the rest, with the reason, when it
    does not.

    :param add_default_commands: add ``run``, ``shell``, ``routes`` and
        ``plugins``.
    :param create_app: a function returning the app, instead of discovery.
    :param add_version_option: add ``--version``.
    :param load_dotenv: load the default dotenv files.
    :param set_debug_flag: set ``app.debug`` from ``--debug`` / ``ERLEN_DEBUG``.
    :param profile: the command's name, environment prefix and files;
        defaults to the class attribute :attr:`profile`.
    """

    #: The names this command goes by; a subclass or ``profile=`` changes them.
    profile: Profile = ERLEN
    #: What commands find the app through; Flask's reads ``FLASK_`` variables.
    script_info_class: type[ScriptInfo] = ScriptInfo

    def __init__(
        self,
        add_default_commands: bool = True,
        create_app: t.Callable[[], Erlen] | None = None,
        add_version_option: bool = True,
        load_dotenv: bool = True,
        set_debug_flag: bool = True,
        profile: Profile | None = None,
        **extra: t.Any,
    ) -> None:
        if profile is not None:
            self.profile = profile
        params = list(extra.pop("params", None) or ())
        params.extend((env_file_option(self.profile), app_option, debug_option))
        if add_version_option:
            params.append(version_option)
        extra.setdefault("context_settings", {}).setdefault(
            "auto_envvar_prefix", self.profile.env_prefix
        )
        super().__init__(params=params, **extra)
        self.create_app = create_app
        self.load_dotenv = load_dotenv
        self.set_debug_flag = set_debug_flag
        if add_default_commands:
            for command in DEFAULT_COMMANDS:
                self.add_command(command)
        self._entry_points_loaded = False

    def _load_entry_point_commands(self) -> None:
        if not self._entry_points_loaded:
            for name, command in load_commands(self.profile.commands_group).items():
                self.add_command(command, name)
            self._entry_points_loaded = True

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """Find a built-in or extension command, else load the app and look there."""
        self._load_entry_point_commands()
        command = super().get_command(ctx, cmd_name)
        if command is not None:
            return command
        try:
            app = ctx.ensure_object(ScriptInfo).load_app()
        except NoAppException as e:
            click.secho(f"Error: {e.format_message()}\n", err=True, fg="red")
            return None
        # The app's commands expect its context, as they would in a request.
        push_app_context(ctx, app)
        return app.cli.get_command(ctx, cmd_name)  # type: ignore[no-any-return]

    def list_commands(self, ctx: click.Context) -> list[str]:
        """Every command name, the app's included when the app loads.

        A failure to load is printed, not raised: ``--help`` must work in a
        broken project, which is when it is needed most.
        """
        self._load_entry_point_commands()
        names = set(super().list_commands(ctx))
        try:
            names.update(
                ctx.ensure_object(ScriptInfo).load_app().cli.list_commands(ctx)
            )
        except NoAppException as e:
            click.secho(f"Error: {e.format_message()}\n", err=True, fg="red")
        except Exception:
            click.secho(f"{traceback.format_exc()}\n", err=True, fg="red")
        return sorted(names)

    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: click.Context | None = None,
        **extra: t.Any,
    ) -> click.Context:
        """Create the context, with a :class:`ScriptInfo` as its ``obj``."""
        # Tells app.run() that the command already serves the app.
        os.environ[self.profile.env_name("RUN_FROM_CLI")] = "true"
        if "obj" not in extra and "obj" not in self.context_settings:
            extra["obj"] = self.script_info_class(
                create_app=self.create_app,
                set_debug_flag=self.set_debug_flag,
                load_dotenv_defaults=self.load_dotenv,
                profile=self.profile,
            )
        return super().make_context(info_name, args, parent=parent, **extra)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        """Parse, first loading what ``--help`` needs when it is all there is.

        ``--help`` is eager and exits before the other options' callbacks
        run, so the dotenv files and ``ERLEN_APP`` are read here, or the
        help would not list the app's commands.
        """
        if (not args and self.no_args_is_help) or (
            len(args) == 1 and args[0] in self.get_help_option_names(ctx)
        ):
            info = ctx.ensure_object(ScriptInfo)
            if info.load_dotenv_defaults:
                load_dotenv_files(profile=info.profile)
            info.app_import_path = os.environ.get(info.profile.env_name("APP"))
        return super().parse_args(ctx, args)
