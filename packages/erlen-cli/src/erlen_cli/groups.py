"""Command groups whose commands run in the app's context: ``app.cli`` and its kin."""

from __future__ import annotations

import typing as t
from functools import update_wrapper

import click

from erlen_contexts import current_app
from erlen_contexts import has_app_context

from .scriptinfo import ScriptInfo

if t.TYPE_CHECKING:
    from erlen.app import Erlen

F = t.TypeVar("F", bound=t.Callable[..., t.Any])


def push_app_context(ctx: click.Context, app: Erlen) -> None:
    """Push ``app``'s context for as long as ``ctx`` lives, unless it is active."""
    if not has_app_context() or current_app._get_current_object() is not app:  # type: ignore[attr-defined]
        ctx.with_resource(app.app_context())


def with_appcontext(f: F) -> F:
    """Run the command inside the app's context, loading the app if needed.

    Commands registered through ``app.cli`` or a blueprint's ``cli`` get
    this by default; use it on commands added to ``erlen`` in other ways.
    """

    @click.pass_context
    def decorator(ctx: click.Context, /, *args: t.Any, **kwargs: t.Any) -> t.Any:
        if not has_app_context():
            push_app_context(ctx, ctx.ensure_object(ScriptInfo).load_app())
        return ctx.invoke(f, *args, **kwargs)

    return update_wrapper(decorator, f)  # type: ignore[return-value]


class AppGroup(click.Group):
    """A click group whose commands run inside an app context by default.

    Pass ``with_appcontext=False`` to :meth:`command` for a command that
    must not load the app. Subgroups are :class:`AppGroup` too.
    """

    def command(self, *args: t.Any, **kwargs: t.Any) -> t.Any:
        """Like :meth:`click.Group.command`, wrapping the callback in :func:`with_appcontext`."""
        wrap = kwargs.pop("with_appcontext", True)
        if args and callable(args[0]):  # used bare, as @group.command
            return self.command(with_appcontext=wrap, **kwargs)(args[0])
        register = super().command(*args, **kwargs)

        def decorator(f: t.Callable[..., t.Any]) -> click.Command:
            return register(with_appcontext(f) if wrap else f)  # type: ignore[no-any-return]

        return decorator

    def group(self, *args: t.Any, **kwargs: t.Any) -> t.Any:
        """Like :meth:`click.Group.group`, defaulting ``cls`` to :class:`AppGroup`."""
        kwargs.setdefault("cls", AppGroup)
        if args and callable(args[0]):  # used bare, as @group.group
            return super().group(**kwargs)(args[0])
        return super().group(*args, **kwargs)
