"""The ``runner`` fixture of erlen-testing's pytest plugin runs the app's commands.

The runner needs erlen-cli and click, which erlen-testing does not require.
"""

from __future__ import annotations

import pytest

pytest_plugins = ["pytester"]

#: The inner runs do not read this repository's settings; keep its rule.
WARNINGS_AS_ERRORS = "[pytest]\nfilterwarnings = error\n"

APP_FIXTURE = """
import click
import pytest
from erlen import Erlen

@pytest.fixture
def app():
    app = Erlen("probe")
    app.config.update(TESTING=True)

    @app.get("/")
    def index():
        return "home"

    @app.cli.command("greet")
    def greet():
        click.echo("hello from the app")

    return app
"""


@pytest.fixture
def project(pytester: pytest.Pytester) -> pytest.Pytester:
    """A project whose conftest defines ``app``, with warnings as errors."""
    pytester.makeini(WARNINGS_AS_ERRORS)
    pytester.makeconftest(APP_FIXTURE)
    return pytester


def test_client_and_runner_use_the_projects_app(project: pytest.Pytester) -> None:
    project.makepyfile(
        """
        def test_client(client):
            assert client.get("/").text == "home"

        def test_runner(runner):
            assert runner.invoke(args=["greet"]).output == "hello from the app\\n"
        """
    )
    project.runpytest().assert_outcomes(passed=2)
