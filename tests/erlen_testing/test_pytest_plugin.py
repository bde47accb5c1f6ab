"""The pytest fixtures, exercised by running real test files with pytester."""

from __future__ import annotations

import pytest

pytest_plugins = ["pytester"]

#: The inner runs do not read this repository's settings; keep its rule.
WARNINGS_AS_ERRORS = "[pytest]\nfilterwarnings = error\n"

APP_FIXTURE = """
import pytest
from erlen import Erlen, g, request

@pytest.fixture
def app():
    app = Erlen("probe")
    app.config.update(TESTING=True)

    @app.get("/")
    def index():
        return "home"

    @app.get("/items/<int:item_id>")
    def item(item_id):
        return f"item {item_id}"

    return app
"""


@pytest.fixture
def project(pytester: pytest.Pytester) -> pytest.Pytester:
    """A project whose conftest defines ``app``, with warnings as errors."""
    pytester.makeini(WARNINGS_AS_ERRORS)
    pytester.makeconftest(APP_FIXTURE)
    return pytester


def test_context_fixtures_push_the_apps_contexts(project: pytest.Pytester) -> None:
    project.makepyfile(
        """
        from erlen import current_app, g, has_request_context, request

        def test_app_ctx(app, app_ctx):
            assert current_app._get_current_object() is app
            assert not has_request_context()
            g.value = 1

        def test_req_ctx(app, req_ctx):
            assert request.path == "/"
            assert req_ctx.request is request._get_current_object()
        """
    )
    project.runpytest().assert_outcomes(passed=2)


def test_live_server_serves_during_the_test_and_stops_after(
    project: pytest.Pytester,
) -> None:
    project.makepyfile(
        """
        from urllib.error import URLError
        from urllib.request import urlopen

        import pytest

        seen = []

        def test_serves(live_server):
            url = live_server.url_for("item", item_id=4)
            assert url.startswith("http://127.0.0.1:")
            with urlopen(url, timeout=10) as response:
                assert response.read() == b"item 4"
            seen.append(url)

        def test_stopped_after_the_test():
            with pytest.raises(URLError):
                urlopen(seen[0], timeout=10)
        """
    )
    project.runpytest().assert_outcomes(passed=2)


def test_without_an_app_fixture_the_error_says_to_define_one(
    pytester: pytest.Pytester,
) -> None:
    pytester.makeini(WARNINGS_AS_ERRORS)
    pytester.makepyfile(
        """
        def test_needs_app(client):
            pass
        """
    )
    result = pytester.runpytest()
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(
        [
            "*test_needs_app* uses a fixture of erlen-testing (client, runner,"
            " app_ctx, req_ctx and live_server), and those need an 'app' fixture*",
            "*def app():*",
        ]
    )


def test_project_fixtures_replace_the_plugins(project: pytest.Pytester) -> None:
    project.makepyfile(
        """
        import pytest

        @pytest.fixture
        def client(app):
            return "the project's own client"

        def test_own_client(client):
            assert client == "the project's own client"
        """
    )
    project.runpytest().assert_outcomes(passed=1)


def test_the_plugin_loads_through_its_entry_point(project: pytest.Pytester) -> None:
    # A fresh interpreter: nothing but the installed pytest11 entry point
    # can have brought the fixtures.
    project.makepyfile(
        """
        def test_client(client):
            assert client.get("/").text == "home"
        """
    )
    result = project.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=1)
    disabled = project.runpytest_subprocess("-p", "no:erlen")
    disabled.assert_outcomes(errors=1)
    disabled.stdout.fnmatch_lines(["*fixture 'client' not found*"])
