"""One Jinja environment per app, with Flask's options and reloading."""

from __future__ import annotations

import os
import typing as t
from pathlib import Path

import jinja2
import pytest

from erlen import Erlen
from erlen import render_template
from erlen import render_template_string
from erlen_templating import Environment

if t.TYPE_CHECKING:
    from ..conftest import AppFactory

HERE = str(Path(__file__).parent)


def test_environment_is_created_on_first_use_and_kept(app: Erlen) -> None:
    assert "template_engine" not in app.__dict__
    env = app.jinja_env
    assert isinstance(env, Environment)
    assert env.app is app
    assert app.jinja_env is env
    with app.app_context():
        render_template("first.txt")
    assert app.jinja_env is env


def test_each_app_has_its_own_environment(make_app: AppFactory) -> None:
    assert make_app().jinja_env is not make_app().jinja_env


def test_create_jinja_environment_makes_a_new_one_each_call(app: Erlen) -> None:
    env = app.create_jinja_environment()
    assert isinstance(env, Environment)
    assert env is not app.create_jinja_environment()
    assert env is not app.jinja_env


def test_overriding_create_jinja_environment_changes_the_apps_environment() -> None:
    class App(Erlen):
        def create_jinja_environment(self) -> jinja2.Environment:
            env = super().create_jinja_environment()
            env.globals["site"] = "Erlen"
            return env

    app = App("templating_tests", root_path=HERE)
    with app.app_context():
        assert render_template_string("{{ site }}") == "Erlen"


def test_jinja_options_reach_the_environment(make_app: AppFactory) -> None:
    app = make_app()
    app.jinja_options = {"trim_blocks": True, "extensions": ["jinja2.ext.do"]}
    env = app.jinja_env
    assert env.trim_blocks is True
    assert "jinja2.ext.ExprStmtExtension" in env.extensions
    with app.app_context():
        assert render_template_string("{% if 1 %}\nyes{% endif %}") == "yes"


def test_jinja_options_can_turn_autoescape_off(make_app: AppFactory) -> None:
    app = make_app()
    app.jinja_options = {"autoescape": False}
    with app.app_context():
        assert render_template("escaped.html", value="<b>") == "<b>"


def test_jinja_environment_class_can_be_replaced() -> None:
    class MyEnvironment(Environment):
        pass

    class App(Erlen):
        jinja_environment = MyEnvironment

    app = App("templating_tests", root_path=HERE)
    assert type(app.jinja_env) is MyEnvironment


@pytest.mark.parametrize(
    ("filename", "expected"),
    [
        (None, True),
        ("page.html", True),
        ("page.htm", True),
        ("feed.xml", True),
        ("page.xhtml", True),
        ("icon.svg", True),
        ("mail.txt", False),
        ("script.js", False),
        ("page.html.txt", False),
    ],
)
def test_select_jinja_autoescape(
    app: Erlen, filename: str | None, expected: bool
) -> None:
    assert app.select_jinja_autoescape(filename) is expected


@pytest.mark.parametrize("ext", ["html", "htm", "xml", "xhtml", "svg"])
def test_markup_files_escape_values(app: Erlen, ext: str) -> None:
    with app.app_context():
        assert render_template(f"escaped.{ext}", value="<b>&") == "&lt;b&gt;&amp;"


def test_other_files_do_not_escape(app: Erlen) -> None:
    with app.app_context():
        assert render_template("raw.txt", value="<b>") == "<b>"


def test_template_strings_escape(app: Erlen) -> None:
    with app.app_context():
        assert render_template_string("{{ '<i>' }}") == "&lt;i&gt;"


@pytest.mark.parametrize(
    ("debug", "setting", "expected"),
    [
        (False, None, False),
        (True, None, True),
        (False, True, True),
        (True, False, False),
    ],
)
def test_auto_reload_follows_setting_else_debug(
    make_app: AppFactory, debug: bool, setting: bool | None, expected: bool
) -> None:
    app = make_app()
    app.debug = debug
    app.config["TEMPLATES_AUTO_RELOAD"] = setting
    assert app.templates_auto_reload is expected
    assert app.jinja_env.auto_reload is expected


def test_auto_reload_follows_debug_turned_on_later(app: Erlen) -> None:
    assert app.jinja_env.auto_reload is False
    app.debug = True
    assert app.jinja_env.auto_reload is True


def test_templates_auto_reload_sets_the_config(app: Erlen) -> None:
    app.templates_auto_reload = True
    assert app.config["TEMPLATES_AUTO_RELOAD"] is True
    assert app.jinja_env.auto_reload is True


def test_auto_reload_set_on_environment_wins(app: Erlen) -> None:
    app.debug = True
    app.jinja_env.auto_reload = False
    assert app.jinja_env.auto_reload is False


def test_auto_reload_from_jinja_options_wins(make_app: AppFactory) -> None:
    app = make_app()
    app.debug = True
    app.jinja_options = {"auto_reload": False}
    assert app.jinja_env.auto_reload is False


def _rewrite(path: Path, text: str) -> None:
    # A later modification time, so the change is seen even on file
    # systems with coarse timestamps.
    mtime = path.stat().st_mtime
    path.write_text(text)
    os.utime(path, (mtime + 10, mtime + 10))


@pytest.mark.parametrize(("reload", "expected"), [(True, "new"), (False, "old")])
def test_changed_files_are_reloaded_only_with_auto_reload(
    tmp_path: Path, reload: bool, expected: str
) -> None:
    (tmp_path / "templates").mkdir()
    page = tmp_path / "templates" / "page.txt"
    page.write_text("old")
    app = Erlen("reloading", root_path=str(tmp_path))
    app.config["TEMPLATES_AUTO_RELOAD"] = reload
    with app.app_context():
        assert render_template("page.txt") == "old"
        _rewrite(page, "new")
        assert render_template("page.txt") == expected
