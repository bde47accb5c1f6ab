"""erlen-templating sends erlen-signals' rendering signals.

The two plugins never import each other: templating sends through core's
hub, and the signals exist only when a signals plugin is installed. So these
need both, which only the full environment has.
"""

from __future__ import annotations

import typing as t

import jinja2
import pytest
from werkzeug.test import Client

import erlen
from erlen import Erlen
from erlen import render_template
from erlen import render_template_string
from erlen import stream_template


@pytest.fixture
def received() -> t.Iterator[list[tuple[str, object, dict[str, t.Any]]]]:
    """What the two rendering signals delivered, in order."""
    seen: list[tuple[str, object, dict[str, t.Any]]] = []

    def before(sender: object, **kwargs: t.Any) -> None:
        seen.append(("before", sender, kwargs))

    def rendered(sender: object, **kwargs: t.Any) -> None:
        seen.append(("rendered", sender, kwargs))

    erlen.before_render_template.connect(before)
    erlen.template_rendered.connect(rendered)
    yield seen
    erlen.before_render_template.disconnect(before)
    erlen.template_rendered.disconnect(rendered)


def test_signals_around_render_template(
    app: Erlen, client: Client, received: list[tuple[str, object, dict[str, t.Any]]]
) -> None:
    @app.get("/page")
    def page() -> str:
        return render_template("first.txt", value=1)

    assert client.get("/page").get_data(as_text=True) == "first"
    assert [(kind, sender) for kind, sender, _ in received] == [
        ("before", app),
        ("rendered", app),
    ]
    for _, _, kwargs in received:
        assert kwargs["template"].name == "first.txt"
        assert kwargs["context"]["value"] == 1
        assert "request" in kwargs["context"]


def test_before_render_template_can_change_the_context(
    app: Erlen, received: list[t.Any]
) -> None:
    def change(sender: object, template: object, context: dict[str, t.Any]) -> None:
        context["value"] = "changed"

    with erlen.before_render_template.connected_to(change, app):
        with app.app_context():
            assert render_template_string("{{ value }}", value="given") == "changed"


def test_signals_around_render_template_string(
    app: Erlen, received: list[tuple[str, object, dict[str, t.Any]]]
) -> None:
    with app.app_context():
        render_template_string("{{ v }}", v=1)
    assert [kind for kind, _, _ in received] == ["before", "rendered"]
    assert isinstance(received[0][2]["template"], jinja2.Template)


def test_template_rendered_is_sent_when_the_stream_ends(
    app: Erlen, received: list[tuple[str, object, dict[str, t.Any]]]
) -> None:
    with app.test_request_context("/"):
        stream = stream_template("stream.txt", items=[1])
        assert [kind for kind, _, _ in received] == ["before"]
        assert "".join(stream) == "1;/"
    assert [kind for kind, _, _ in received] == ["before", "rendered"]


def test_no_signals_for_a_missing_template(
    app: Erlen, received: list[tuple[str, object, dict[str, t.Any]]]
) -> None:
    with app.app_context(), pytest.raises(jinja2.TemplateNotFound):
        render_template("missing.txt")
    assert received == []


def test_signal_receivers_see_only_their_app(
    make_app: t.Any, received: list[tuple[str, object, dict[str, t.Any]]]
) -> None:
    other = make_app()
    seen: list[object] = []

    def mine(sender: object, **kwargs: object) -> None:
        seen.append(sender)

    app = make_app()
    with erlen.template_rendered.connected_to(mine, app):
        for each in (other, app):
            with each.app_context():
                render_template_string("x")
    assert seen == [app]
