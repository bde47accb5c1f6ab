"""Flask's test runner for an app's commands, finding the app as ``flask`` does."""

from __future__ import annotations

from erlen_cli.testing import ErlenCliRunner

from .cli import ScriptInfo


class FlaskCliRunner(ErlenCliRunner):
    """A click test runner that invokes one app's commands.

    Commands find the app through a Flask :class:`~.cli.ScriptInfo`, so
    ``FLASK_DEBUG`` and the other ``FLASK_`` variables apply as they do
    under the ``flask`` command. Create it with ``app.test_cli_runner()``.
    """

    script_info_class = ScriptInfo
