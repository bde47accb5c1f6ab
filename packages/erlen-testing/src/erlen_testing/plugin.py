"""The object Erlen finds through the entry point ``erlen.testing:werkzeug``."""

from __future__ import annotations

import typing as t

from erlen.plugins.errors import MissingPluginError

from .builder import EnvironBuilder
from .client import ErlenClient

if t.TYPE_CHECKING:
    from erlen import Erlen

    from .cli_runner import ErlenCliRunner

#: The modules the CLI runner imports that erlen-testing does not require.
_CLI_MODULES = ("click", "erlen_cli")


def create_cli_runner(app: Erlen, **kwargs: t.Any) -> ErlenCliRunner:
    """Return an :class:`~erlen_testing.cli_runner.ErlenCliRunner` for ``app``.

    The runner subclasses click's, so its module is imported only here:
    a project that tests no commands needs neither click nor erlen-cli.

    :raise MissingPluginError: erlen-cli is not installed.
    """
    try:
        from .cli_runner import ErlenCliRunner
    except ModuleNotFoundError as error:
        if error.name not in _CLI_MODULES:
            raise
        raise MissingPluginError(
            "app.test_cli_runner() runs the app's commands the way the erlen"
            " command does, which needs erlen-cli, and it is not installed"
            f" (importing {error.name!r} failed). Install it with:"
            ' pip install "erlen-core[cli]"'
        ) from None
    return ErlenCliRunner(app, **kwargs)


class WerkzeugTesting:
    """Fills the ``testing`` slot with Werkzeug-based test tools.

    ``cli_runner_class`` is a factory rather than the class itself, so that
    loading this plugin never imports click; ``app.test_cli_runner()``
    calls it the same way.
    """

    client_class = ErlenClient
    environ_builder_class = EnvironBuilder
    cli_runner_class = staticmethod(create_cli_runner)


#: Registered under ``[project.entry-points."erlen.testing"]`` as ``werkzeug``.
plugin = WerkzeugTesting()
