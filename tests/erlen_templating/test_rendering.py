"""render_template and friends, and streaming."""

from __future__ import annotations

import typing as t

import jinja2
import pytest
from werkzeug.test import Client

from erlen import Erlen
from erlen import render_template
from erlen import render_template_string
from erlen import stream_template
from erlen import stream_template_string


def test_render_template_in_a_view(app: Erlen, client: Client) -> None:
    @app.get("/child")
    def child() -> str:
        return render_template("child.html", value="<x>")

    response = client.get("/child")
    assert response.status_code == 200
    assert response.get_data(as_text=True) == "<main>child of &lt;x&gt;</main>"


def test_render_template_string(app: Erlen) -> None:
    with app.app_context():
        assert render_template_string("{{ a }} + {{ b }}", a=1, b=2) == "1 + 2"


def test_rendering_needs_an_app_context(app: Erlen) -> None:
    with pytest.raises(RuntimeError, match="application context"):
        render_template("first.txt")


def test_syntax_errors_say_where(app: Erlen) -> None:
    with app.app_context(), pytest.raises(jinja2.TemplateSyntaxError) as info:
        render_template_string("{% if %}")
    assert info.value.lineno == 1


def test_stream_template_keeps_the_request_context(app: Erlen, client: Client) -> None:
    @app.get("/stream")
    def stream() -> t.Iterator[str]:
        return stream_template("stream.txt", items=[1, 2])

    response = client.get("/stream")
    assert response.is_streamed
    assert response.get_data(as_text=True) == "1;2;/stream"


def test_stream_template_string_keeps_the_request_context(
    app: Erlen, client: Client
) -> None:
    @app.get("/stream")
    def stream() -> t.Iterator[str]:
        return stream_template_string("{{ request.args.q }}:{{ value }}", value="<v>")

    assert client.get("/stream?q=x").get_data(as_text=True) == "x:&lt;v&gt;"


def test_stream_is_rendered_lazily(app: Erlen) -> None:
    seen: list[str] = []

    def mark(value: str) -> str:
        seen.append(value)
        return value

    with app.test_request_context("/lazy"):
        stream = stream_template_string("{{ mark('a') }}{{ mark('b') }}", mark=mark)
    assert seen == []
    assert "".join(stream) == "ab"
    assert seen == ["a", "b"]


def test_stream_outside_a_request(app: Erlen) -> None:
    with app.app_context():
        assert "".join(stream_template("first.txt")) == "first"


def test_stream_template_chooses_from_a_list(app: Erlen) -> None:
    with app.app_context():
        assert "".join(stream_template(["nope.txt", "first.txt"])) == "first"


def test_stream_of_a_missing_template_fails_at_once(app: Erlen) -> None:
    with app.app_context(), pytest.raises(jinja2.TemplateNotFound):
        stream_template("missing.txt")
