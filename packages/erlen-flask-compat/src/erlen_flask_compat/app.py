"""``flask.Flask``: an Erlen application that goes by Flask's names."""

from __future__ import annotations

import os
import typing as t

from erlen.app import Erlen

from .config import Config
from .ctx import FlaskAppCtxGlobals
from .request_context import FlaskRequestContext

if t.TYPE_CHECKING:
    from _typeshed.wsgi import WSGIEnvironment


class Flask(Erlen):
    """An :class:`erlen.Erlen` app that reads ``FLASK_`` variables.

    ``FLASK_DEBUG`` sets debug mode, ``app.config.from_prefixed_env()``
    reads ``FLASK_*``, ``app.run()`` loads ``.flaskenv`` and ``.env``, and
    ``app.test_cli_runner()`` finds the app the way the ``flask`` command
    does. Everything else is Erlen's behaviour, which is Flask's.
    """

    env_prefix = "FLASK"
    #: Filters on Flask's module, such as ``ignore::UserWarning:flask.app``,
    #: match the app's warnings about requests, as under Flask.
    warning_module = "flask.app"
    config_class = Config
    app_ctx_globals_class = FlaskAppCtxGlobals

    def request_context(self, environ: WSGIEnvironment) -> FlaskRequestContext:
        """A request context whose private ``_session`` Flask's code can read."""
        return FlaskRequestContext(self, environ)

    def test_cli_runner(self, **kwargs: t.Any) -> t.Any:
        """A runner for the app's commands, with ``FLASK_`` variables.

        ``test_cli_runner_class``, when set, is used instead.
        """
        if self.test_cli_runner_class is not None:
            return super().test_cli_runner(**kwargs)
        # Imported here: the runner needs click, which an app that tests
        # no commands never loads.
        from .testing import FlaskCliRunner

        return FlaskCliRunner(self, **kwargs)

    def run(
        self,
        host: str | None = None,
        port: int | None = None,
        debug: bool | None = None,
        load_dotenv: bool = True,
        **options: t.Any,
    ) -> None:
        """Serve the app with Werkzeug's development server, as Flask does.

        Unlike an Erlen app's, it first loads ``.flaskenv`` and ``.env``
        (unless ``load_dotenv`` is false or ``FLASK_SKIP_DOTENV`` is set),
        so ``python app.py`` sees the same variables as ``flask run``; a
        ``FLASK_DEBUG`` found there sets debug mode. See
        :meth:`erlen.Erlen.run` for the arguments.
        """
        from .helpers import get_debug_flag
        from .helpers import get_load_dotenv

        from_cli = os.environ.get("FLASK_RUN_FROM_CLI") == "true"
        if not from_cli and get_load_dotenv(load_dotenv):
            from .cli import load_dotenv as load_dotenv_files

            load_dotenv_files()
            if "FLASK_DEBUG" in os.environ:
                self.debug = get_debug_flag()
        super().run(host, port, debug, load_dotenv, **options)
