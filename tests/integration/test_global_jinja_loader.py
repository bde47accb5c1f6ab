"""``create_global_jinja_loader`` decides where every template comes from."""

from __future__ import annotations

import typing as t

from jinja2 import DictLoader
from werkzeug.test import Client

from erlen import Erlen
from erlen import render_template


class DictApp(Erlen):
    def create_global_jinja_loader(self) -> t.Any:
        return DictLoader({"index.html": "Hello {{ name }}!"})


def test_an_app_can_replace_the_global_loader() -> None:
    app = DictApp(__name__)

    @app.route("/")
    def index() -> str:
        return render_template("index.html", name="loader")

    assert Client(app).get("/").text == "Hello loader!"
