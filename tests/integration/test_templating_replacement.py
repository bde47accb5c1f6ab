"""Another engine fills the templating slot: erlen-test-templating's "mini".

It is installed from tests/fixtures/erlen-test-templating and found through
its entry point, like any third-party plugin.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
import typing as t

import pytest
from erlen_test_templating import MiniEngine
from erlen_test_templating import MiniTemplateNotFound
from werkzeug.test import Client

from erlen import Erlen
from erlen import g
from erlen import render_template
from erlen import render_template_string
from erlen import stream_template
from erlen.plugins import available
from erlen.plugins import UnknownPluginError
from erlen_templating import JinjaEngine

if t.TYPE_CHECKING:
    from ..conftest import AppFactory
    from ..conftest import BlueprintFactory


@pytest.fixture
def mini(make_app: AppFactory) -> Erlen:
    app = make_app(plugins={"templating": "mini"}, template_folder="mini_templates")
    app.config["SITE"] = "Erlen"

    @app.context_processor
    def greeting() -> dict[str, str]:
        return {"greeting": "hello"}

    @app.before_request
    def user() -> None:
        g.user = "ada"

    @app.get("/page")
    def page() -> str:
        return render_template("page.html", value="<b>")

    return app


def test_both_engines_are_available_by_entry_point() -> None:
    plugins = available("templating")
    assert plugins["mini"].distribution == "erlen-test-templating"
    assert plugins["jinja"].distribution == "erlen-templating"


def test_erlens_own_engine_is_the_default_among_several(app: Erlen) -> None:
    assert isinstance(app.template_engine, JinjaEngine)


def test_render_template_goes_through_the_chosen_engine(mini: Erlen) -> None:
    assert isinstance(mini.template_engine, MiniEngine)
    response = Client(mini).get("/page")
    # The same default context as Jinja's: request, g, config and processors.
    assert response.get_data(as_text=True) == "<p>/page hello ada Erlen &lt;b&gt;</p>\n"


def test_engine_chosen_with_the_plugins_config_key(make_app: AppFactory) -> None:
    app = make_app(template_folder="mini_templates")
    app.config["PLUGINS"] = {"templating": "mini"}
    with app.app_context():
        assert render_template("page.txt", value="<b>") == "plain <b>\n"


def test_chosen_engine_renders_strings_and_escapes_them(mini: Erlen) -> None:
    with mini.test_request_context("/here"):
        assert (
            render_template_string("${request.path} ${v}", v="<i>") == "/here &lt;i&gt;"
        )


def test_chosen_engine_streams_with_the_request_context(mini: Erlen) -> None:
    @mini.get("/lines")
    def lines() -> t.Iterator[str]:
        return stream_template("lines.txt", value=1)

    response = Client(mini).get("/lines")
    assert response.is_streamed
    assert response.get_data(as_text=True) == "line one 1\nline two /lines\n"


def test_chosen_engine_searches_blueprint_folders_after_the_apps(
    mini: Erlen, make_blueprint: BlueprintFactory
) -> None:
    mini.register_blueprint(make_blueprint("shop", "mini_shop_templates"))
    with mini.app_context():
        assert render_template("both.txt") == "app both"
        assert render_template(["missing.txt", "shop.txt"], value=2) == "shop only 2"


def test_chosen_engines_own_errors(mini: Erlen) -> None:
    with mini.app_context(), pytest.raises(MiniTemplateNotFound, match="missing.txt"):
        render_template("missing.txt")


def test_jinja_names_explain_that_the_engine_is_not_jinja(mini: Erlen) -> None:
    with pytest.raises(AttributeError, match="does not use Jinja") as info:
        mini.jinja_env  # noqa: B018
    assert "plugins={'templating': 'jinja'}" in str(info.value)
    with pytest.raises(AttributeError, match="does not use Jinja"):
        mini.create_jinja_environment()
    with pytest.raises(AttributeError, match="jinja_loader"):
        mini.jinja_loader  # noqa: B018


def test_select_jinja_autoescape_is_engine_neutral(mini: Erlen) -> None:
    assert mini.select_jinja_autoescape("page.html") is True
    assert mini.select_jinja_autoescape("page.txt") is False


def test_misspelled_engine_name_suggests_the_right_one(make_app: AppFactory) -> None:
    app = make_app(plugins={"templating": "minni"})
    with (
        app.app_context(),
        pytest.raises(UnknownPluginError, match="Did you mean 'mini'"),
    ):
        render_template("page.txt")


def test_another_engine_needs_no_jinja() -> None:
    # In a fresh process, so nothing else has imported Jinja yet.
    code = textwrap.dedent(
        """
        import sys
        from erlen import Erlen, render_template_string

        app = Erlen("probe", plugins={"templating": "mini"})
        with app.test_request_context("/probe"):
            print(render_template_string("${request.path}"))
        print("jinja2" in sys.modules)
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.splitlines() == ["/probe", "False"]
