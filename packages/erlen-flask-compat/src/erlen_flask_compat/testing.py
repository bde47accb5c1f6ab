"""Flask's test runner for an app's commands, finding the app as ``flask`` does."""

from __future__ import annotations

import typing as t

from click.testing import CliRunner

from .cli import ScriptInfo

if t.TYPE_CHECKING:
    import click
    from click.testing import Result

    from erlen.app import Erlen


class FlaskCliRunner(CliRunner):
    """A click test runner that invokes one app's commands.

    Commands find the app through a Flask :class:`~.cli.ScriptInfo`, so
    ``FLASK_DEBUG`` and the other ``FLASK_`` variables apply as they do
    under the ``flask`` command. Create it with ``app.test_cli_runner()``.

    :param app: the application whose commands are invoked.
    :param kwargs: passed to :class:`click.testing.CliRunner`.
    """

    def __init__(self, app: Erlen, **kwargs: t.Any) -> None:
        self.app = app
        super().__init__(**kwargs)

    def invoke(  # type: ignore[override]
        self,
        cli: click.Command | None = None,
        args: str | t.Sequence[str] | None = None,
        **kwargs: t.Any,
    ) -> Result:
        """Invoke ``cli`` (the app's command group by default) with ``args``.

        Unless ``obj`` is given, it is a :class:`~.cli.ScriptInfo` that
        loads this runner's app.
        """
        if cli is None:
            cli = self.app.cli
        if "obj" not in kwargs:
            app = self.app
            kwargs["obj"] = ScriptInfo(create_app=lambda: app)
        return super().invoke(cli, args, **kwargs)
