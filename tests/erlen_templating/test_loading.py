"""Templates come from the app's folder, then blueprints' in registration order."""

from __future__ import annotations

import logging
import os
import typing as t

import pytest
from jinja2 import DictLoader
from jinja2 import FileSystemLoader
from jinja2 import TemplateNotFound
from jinja2 import TemplatesNotFound
from werkzeug.test import Client

from erlen import Erlen
from erlen import render_template

if t.TYPE_CHECKING:
    from ..conftest import AppFactory
    from ..conftest import BlueprintFactory

HERE = os.path.dirname(__file__)


def render(app: Erlen, name: str | list[str], **context: t.Any) -> str:
    with app.app_context():
        return render_template(name, **context)


@pytest.fixture
def with_blueprints(app: Erlen, make_blueprint: BlueprintFactory) -> Erlen:
    app.register_blueprint(
        make_blueprint("admin", "admin_templates"), url_prefix="/admin"
    )
    app.register_blueprint(make_blueprint("shop", "shop_templates"), url_prefix="/shop")
    return app


def test_app_loader_is_a_file_system_loader_of_its_folder(app: Erlen) -> None:
    loader = app.jinja_loader
    assert isinstance(loader, FileSystemLoader)
    assert loader.searchpath == [os.path.join(HERE, "templates")]


def test_blueprint_loader_uses_its_folder(make_blueprint: BlueprintFactory) -> None:
    loader = make_blueprint("admin", "admin_templates").jinja_loader
    assert isinstance(loader, FileSystemLoader)
    assert loader.searchpath == [os.path.join(HERE, "admin_templates")]


def test_no_folder_no_loader(
    make_app: AppFactory, make_blueprint: BlueprintFactory
) -> None:
    assert make_blueprint("plain", None).jinja_loader is None
    assert make_app(template_folder=None).jinja_loader is None


def test_templates_in_subfolders(app: Erlen) -> None:
    assert render(app, "nested/deep.txt", value=1) == "nested 1"


def test_blueprint_templates_are_found(with_blueprints: Erlen) -> None:
    assert render(with_blueprints, "admin/page.html") == "admin only"
    assert render(with_blueprints, "shop.html") == "shop only"


def test_app_folder_wins_over_blueprints(with_blueprints: Erlen) -> None:
    assert render(with_blueprints, "shared.html") == "app shared"


def test_earlier_registered_blueprint_wins(
    app: Erlen, make_blueprint: BlueprintFactory
) -> None:
    app.register_blueprint(make_blueprint("shop", "shop_templates"))
    app.register_blueprint(make_blueprint("admin", "admin_templates"))
    assert render(app, "both.html") == "shop both"


def test_nested_blueprint_folders_are_searched(
    app: Erlen, make_blueprint: BlueprintFactory
) -> None:
    parent = make_blueprint("parent", None)
    parent.register_blueprint(make_blueprint("admin", "admin_templates"))
    app.register_blueprint(parent)
    assert render(app, "admin/page.html") == "admin only"


def test_overridden_blueprint_loader_is_used(
    app: Erlen, make_blueprint: BlueprintFactory
) -> None:
    blueprint = make_blueprint("virtual", None)
    blueprint.jinja_loader = DictLoader({"virtual.txt": "from a dict"})  # type: ignore[assignment]
    app.register_blueprint(blueprint)
    assert render(app, "virtual.txt") == "from a dict"


def test_list_templates_covers_every_folder(with_blueprints: Erlen) -> None:
    names = with_blueprints.jinja_env.list_templates()
    assert {"shared.html", "nested/deep.txt", "admin/page.html", "shop.html"} <= set(
        names
    )
    assert names == sorted(set(names))


def test_first_existing_template_of_a_list_is_rendered(app: Erlen) -> None:
    assert render(app, ["missing.txt", "first.txt", "raw.txt"]) == "first"


def test_missing_template_names_it_and_where_erlen_looked(
    with_blueprints: Erlen,
) -> None:
    with pytest.raises(TemplateNotFound) as info:
        render(with_blueprints, "missing.html")
    assert info.value.name == "missing.html"
    message = str(info.value)
    assert "'missing.html'" in message
    assert os.path.join(HERE, "templates") in message
    assert os.path.join(HERE, "admin_templates") in message
    assert os.path.join(HERE, "shop_templates") in message
    assert "blueprint 'admin'" in message
    assert "EXPLAIN_TEMPLATE_LOADING" in message


def test_missing_list_of_templates_names_them_all(app: Erlen) -> None:
    with pytest.raises(TemplatesNotFound) as info:
        render(app, ["gone.html", "also_gone.html"])
    assert info.value.templates == ["gone.html", "also_gone.html"]
    message = str(info.value)
    assert "'gone.html', 'also_gone.html'" in message
    assert os.path.join(HERE, "templates") in message


def test_empty_list_of_templates_is_an_error(app: Erlen) -> None:
    with pytest.raises(TemplatesNotFound, match="empty list"):
        render(app, [])


def test_missing_template_without_any_folder_says_so(make_app: AppFactory) -> None:
    with pytest.raises(TemplateNotFound, match="template_folder"):
        render(make_app(template_folder=None), "page.html")


def test_missing_included_template_names_the_include(app: Erlen) -> None:
    with pytest.raises(TemplateNotFound) as info:
        render(app, "includes_missing.html")
    assert info.value.name == "missing_include.html"


def test_missing_template_in_a_view_propagates_in_testing(
    app: Erlen, client: Client
) -> None:
    app.testing = True

    @app.get("/page")
    def page() -> str:
        return render_template("missing.html")

    with pytest.raises(TemplateNotFound):
        client.get("/page")


def explained(caplog: pytest.LogCaptureFixture) -> str:
    (record,) = [r for r in caplog.records if r.name == "templating_tests"]
    assert record.levelno == logging.INFO
    return record.getMessage()


@pytest.fixture
def explaining(with_blueprints: Erlen, caplog: pytest.LogCaptureFixture) -> Erlen:
    with_blueprints.config["EXPLAIN_TEMPLATE_LOADING"] = True
    caplog.set_level(logging.INFO, logger="templating_tests")
    return with_blueprints


def test_explain_reports_each_loader_and_the_match(
    explaining: Erlen, caplog: pytest.LogCaptureFixture
) -> None:
    assert render(explaining, "shop.html") == "shop only"
    report = explained(caplog)
    assert report.startswith("Locating template 'shop.html':")
    assert "1: trying loader of application 'templating_tests'" in report
    assert "2: trying loader of blueprint 'admin'" in report
    assert "3: trying loader of blueprint 'shop'" in report
    assert "class: jinja2.loaders.FileSystemLoader" in report
    assert f"  - {os.path.join(HERE, 'admin_templates')}" in report
    assert report.count("-> no match") == 2
    assert f"-> found ({os.path.join(HERE, 'shop_templates', 'shop.html')!r})" in report
    assert "Error" not in report and "Warning" not in report


def test_explain_warns_about_several_matches(
    explaining: Erlen, caplog: pytest.LogCaptureFixture
) -> None:
    assert render(explaining, "both.html") == "admin both"
    report = explained(caplog)
    assert report.count("-> found") == 2
    assert "Warning: more than one loader has this template" in report


def test_explain_reports_a_missing_template(
    explaining: Erlen, caplog: pytest.LogCaptureFixture
) -> None:
    with pytest.raises(TemplateNotFound, match="app.logger has logged"):
        render(explaining, "missing.html")
    report = explained(caplog)
    assert report.count("-> no match") == 3
    assert "Error: the template could not be found" in report
    assert "endpoint belongs" not in report


def test_explain_names_the_blueprint_of_the_request(
    explaining: Erlen,
    make_blueprint: BlueprintFactory,
    caplog: pytest.LogCaptureFixture,
) -> None:
    blog = make_blueprint("blog", None)

    @blog.get("/post")
    def post() -> str:
        return render_template("blog/post.html")

    explaining.register_blueprint(blog, url_prefix="/blog")
    explaining.testing = True
    with pytest.raises(TemplateNotFound):
        Client(explaining).get("/blog/post")
    assert "endpoint that belongs to the blueprint 'blog'" in explained(caplog)


def test_nothing_is_logged_without_explain(
    with_blueprints: Erlen, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="templating_tests")
    render(with_blueprints, "shop.html")
    assert not [r for r in caplog.records if r.name == "templating_tests"]
