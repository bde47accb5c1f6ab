"""Invoking the app's CLI commands in-process, as the ``erlen`` command would.

``app.test_cli_runner()`` returns this runner through the ``cli`` slot: the
runner belongs with click and :class:`~erlen_cli.ScriptInfo`, so the testing
plugin never has to import the CLI plugin.
"""

from __future__ import annotations

import typing as t

from click.testing import CliRunner
from click.testing import Result

from .scriptinfo import ScriptInfo

if t.TYPE_CHECKING:
    import click

    from erlen import Erlen


class ErlenCliRunner(CliRunner):
    """A click test runner that runs commands against one application.

    Commands find the app as they would under the ``erlen`` command: through
    the :class:`~erlen_cli.ScriptInfo` passed as click's ``obj``, so
    ``@app.cli.command()`` functions and ``with_appcontext`` work unchanged.

    :param app: the application whose commands are invoked.
    :param kwargs: passed to :class:`click.testing.CliRunner`.
    """

    #: What commands find the app through; a subclass may read other
    #: environment variables (the ``flask`` command's, for instance).
    script_info_class: type[ScriptInfo] = ScriptInfo

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

        Unless ``obj`` is given, it is a :class:`~erlen_cli.ScriptInfo`
        that loads this runner's app. The other keyword arguments are
        :meth:`click.testing.CliRunner.invoke`'s.
        """
        if cli is None:
            cli = self.app.cli
        if "obj" not in kwargs:
            app = self.app
            kwargs["obj"] = self.script_info_class(create_app=lambda: app)
        return super().invoke(cli, args, **kwargs)
