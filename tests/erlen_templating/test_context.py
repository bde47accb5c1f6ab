"""The names every template sees: Flask's defaults and context processors."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import typing as t

import pytest
from werkzeug.test import Client

import erlen
from erlen import Erlen
from erlen import g
from erlen import get_flashed_messages
from erlen import get_template_attribute
from erlen import render_template_string
from erlen.plugins import register
from erlen.plugins import unregister
from erlen.plugins.sessions import NullSessionInterface

if t.TYPE_CHECKING:
    from erlen.plugins.sessions import SessionInterface

    from ..conftest import AppFactory
    from ..conftest import BlueprintFactory


def test_defaults_in_a_request(app: Erlen) -> None:
    app.config["SITE"] = "Erlen"
    with app.test_request_context("/hello?name=World"):
        g.user = "ada"
        source = (
            "{{ config.SITE }} {{ request.args.name }} {{ g.user }}"
            " {{ url_for('index') }} {{ session is defined }}"
        )
        assert render_template_string(source) == "Erlen World ada / True"


def test_defaults_outside_a_request(app: Erlen) -> None:
    app.config.update(SITE="Erlen", SERVER_NAME="example.test")
    with app.app_context():
        g.user = "ada"
        source = "{{ config.SITE }} {{ g.user }} {{ url_for('index') }}"
        assert render_template_string(source) == "Erlen ada http://example.test/"


def test_passed_values_win_over_defaults(app: Erlen) -> None:
    with app.test_request_context("/"):
        assert (
            render_template_string("{{ config }} {{ g }}", config="mine", g="ours")
            == "mine ours"
        )


def test_app_context_processors_add_names(app: Erlen, client: Client) -> None:
    @app.context_processor
    def user() -> dict[str, str]:
        return {"user": "ada"}

    @app.get("/page")
    def page() -> str:
        return render_template_string("{{ user }}")

    assert client.get("/page").get_data(as_text=True) == "ada"


def test_passed_values_win_over_context_processors(app: Erlen) -> None:
    @app.context_processor
    def user() -> dict[str, str]:
        return {"user": "ada"}

    with app.test_request_context("/"):
        assert render_template_string("{{ user }}", user="grace") == "grace"


def test_blueprint_context_processors_apply_to_its_requests_only(
    app: Erlen, client: Client, make_blueprint: BlueprintFactory
) -> None:
    admin = make_blueprint("admin", None)

    @admin.context_processor
    def area() -> dict[str, str]:
        return {"area": "admin"}

    @admin.get("/page")
    def admin_page() -> str:
        return render_template_string("{{ area|default('none') }}")

    @app.get("/page")
    def page() -> str:
        return render_template_string("{{ area|default('none') }}")

    app.register_blueprint(admin, url_prefix="/admin")
    assert client.get("/admin/page").get_data(as_text=True) == "admin"
    assert client.get("/page").get_data(as_text=True) == "none"


def test_app_context_processor_from_a_blueprint_applies_everywhere(
    app: Erlen, client: Client, make_blueprint: BlueprintFactory
) -> None:
    admin = make_blueprint("admin", None)

    @admin.app_context_processor
    def site() -> dict[str, str]:
        return {"site": "Erlen"}

    @app.get("/page")
    def page() -> str:
        return render_template_string("{{ site }}")

    app.register_blueprint(admin)
    assert client.get("/page").get_data(as_text=True) == "Erlen"


def test_async_context_processor(app: Erlen) -> None:
    @app.context_processor
    async def user() -> dict[str, str]:
        return {"user": "ada"}

    with app.test_request_context("/"):
        assert render_template_string("{{ user }}") == "ada"


def test_imported_macros_see_the_globals(app: Erlen) -> None:
    # Imports are rendered without the caller's context: only globals.
    with app.test_request_context("/"):
        assert (
            render_template_string('{% import "_macros.html" as m %}{{ m.link() }}')
            == "/"
        )


def test_get_template_attribute_calls_a_macro(app: Erlen) -> None:
    with app.app_context():
        hello = get_template_attribute("_macros.html", "hello")
        assert hello("World") == "Hello World!"
        assert get_template_attribute("_macros.html", "answer") == 42


def test_get_template_attribute_of_a_missing_name(app: Erlen) -> None:
    with app.app_context(), pytest.raises(AttributeError):
        get_template_attribute("_macros.html", "nothing")


def test_get_template_attribute_is_the_plugins() -> None:
    import erlen_templating

    assert erlen.get_template_attribute is erlen_templating.get_template_attribute


class PlainSessions:
    """A sessions plugin that implements only the sessions contract."""

    contract_version = "1.0"

    def create_session_interface(self, app: Erlen) -> SessionInterface:
        return NullSessionInterface()


@pytest.fixture
def plain_sessions() -> t.Iterator[None]:
    register("sessions", "plain-for-tests", PlainSessions())
    yield
    unregister("sessions", "plain-for-tests")


@pytest.mark.usefixtures("plain_sessions")
def test_get_flashed_messages_is_cores_whatever_the_sessions_plugin(
    make_app: AppFactory,
) -> None:
    app = make_app(plugins={"sessions": "plain-for-tests"})
    assert app.jinja_env.globals["get_flashed_messages"] is get_flashed_messages
    with app.test_request_context("/"):
        assert render_template_string("{{ get_flashed_messages()|length }}") == "0"


def test_templating_reaches_sessions_only_through_the_registry() -> None:
    # In a fresh process: whatever is installed, rendering with a sessions
    # plugin chosen by name imports no other sessions distribution.
    code = textwrap.dedent(
        """
        import sys
        from erlen import Erlen, render_template_string
        from erlen.plugins import register
        from erlen.plugins.sessions import NullSessionInterface

        class Sessions:
            contract_version = "1.0"

            def create_session_interface(self, app):
                return NullSessionInterface()

        register("sessions", "in-code", Sessions())
        app = Erlen("probe", plugins={"sessions": "in-code"})
        with app.test_request_context("/"):
            print(render_template_string("{{ get_flashed_messages()|length }}"))
        print(sorted(m for m in sys.modules if m.startswith("erlen_")))
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    rendered, modules = result.stdout.splitlines()
    assert rendered == "0"
    assert "erlen_templating" in modules
    assert "erlen_sessions" not in modules
