"""Conformance tests for templating plugins."""

from __future__ import annotations

import typing as t

import pytest

from erlen import Erlen
from erlen import g
from erlen import render_template
from erlen import render_template_string
from erlen import request
from erlen import session
from erlen import stream_template
from erlen import stream_template_string
from erlen import url_for

from ..client import ErlenClient

if t.TYPE_CHECKING:
    from pathlib import Path

    from erlen.wrappers import Response

#: The default context names, in the order ``context.txt`` shows them.
_DEFAULT_NAMES = (
    "request.path",
    "config.CONFORMANCE_MARKER",
    "g.visitor",
    "session",
    "url_for",
)


class TemplateEngineConformance:
    """Tests that a templating plugin behaves as Erlen's ``templating`` slot promises.

    Subclass it in a test module under a name pytest collects, naming the
    plugin as it is registered and saying how the engine's templates print
    a value::

        from erlen_testing.conformance import TemplateEngineConformance

        class TestMakoTemplates(TemplateEngineConformance):
            plugin_name = "mako"

            def expression(self, name):
                return "${" + name + "}"

    The tests write their templates with :meth:`expression` into a
    temporary folder and build a fresh app with :meth:`create_app`.

    The promises checked: a named template renders with its values, escaping
    HTML in ``.html`` files and leaving ``.txt`` files alone; the default
    names (``config``, ``request``, ``session``, ``g``, ``url_for``),
    context processors' values and values passed by the caller all reach
    the template; the first existing template of a list renders; template
    strings render and escape HTML; named and string templates stream, in a
    response, with the request still available; a missing template raises
    :attr:`missing_template_error` when rendering or streaming starts.
    """

    #: The name the plugin is registered under.
    plugin_name: t.ClassVar[str]
    #: What rendering or streaming a template that does not exist raises.
    #: Jinja's ``TemplateNotFound`` is a :exc:`LookupError`.
    missing_template_error: t.ClassVar[type[BaseException]] = LookupError

    def expression(self, name: str) -> str:
        """Template source that prints the value of ``name``.

        ``name`` is a context name, possibly followed by attributes or keys
        (``request.path``, ``config.DEBUG``); print it as ``str()`` would,
        escaped in ``.html`` files and template strings.
        """
        raise NotImplementedError(
            f"{type(self).__name__} must say how its engine prints a value:"
            " define expression(self, name) returning template source, such"
            " as '{{ ' + name + ' }}' for Jinja."
        )

    def create_app(self, template_folder: str) -> Erlen:
        """A new app that uses the plugin and finds templates in ``template_folder``."""
        name = getattr(self, "plugin_name", None)
        if name is None:
            raise TypeError(
                f"{type(self).__name__} does not say which plugin to test. Set"
                " the class attribute 'plugin_name' to the name the templating"
                " plugin is registered under, or override create_app()."
            )
        app = Erlen(
            __name__, template_folder=template_folder, plugins={"templating": name}
        )
        app.config.update(TESTING=True, CONFORMANCE_MARKER="from-config")
        return app

    @pytest.fixture
    def template_app(self, tmp_path: Path) -> Erlen:
        """The app of :meth:`create_app`, with templates and views the tests use."""
        folder = tmp_path / "templates"
        folder.mkdir()
        expr = self.expression
        # No trailing newline: engines differ in whether they keep one.
        templates = {
            "greeting.html": f"Hello {expr('name')}!",
            "greeting.txt": f"Hello {expr('name')}!",
            "context.txt": "\n".join(expr(name) for name in _DEFAULT_NAMES),
            "extra.txt": f"{expr('processed')} {expr('visitor')}",
            "page.txt": f"{expr('request.path')} {expr('name')}",
        }
        for name, source in templates.items():
            (folder / name).write_text(source, encoding="utf-8")
        app = self.create_app(str(folder))
        _add_template_views(app, expr)
        return app

    @pytest.fixture
    def template_client(self, template_app: Erlen) -> ErlenClient:
        """A test client of :func:`template_app`."""
        return ErlenClient(template_app, template_app.response_class)

    # -- named templates -------------------------------------------------------

    def test_a_named_template_renders_its_values(self, template_app: Erlen) -> None:
        with template_app.app_context():
            assert render_template("greeting.txt", name="Ada") == "Hello Ada!"

    def test_html_templates_escape_values(self, template_app: Erlen) -> None:
        with template_app.app_context():
            rendered = render_template("greeting.html", name="<b>Ada</b>")
        assert rendered == "Hello &lt;b&gt;Ada&lt;/b&gt;!"

    def test_text_templates_do_not_escape_values(self, template_app: Erlen) -> None:
        with template_app.app_context():
            rendered = render_template("greeting.txt", name="<b>Ada</b>")
        assert rendered == "Hello <b>Ada</b>!"

    def test_the_first_existing_template_of_a_list_renders(
        self, template_app: Erlen
    ) -> None:
        with template_app.app_context():
            rendered = render_template(["missing.txt", "greeting.txt"], name="Ada")
        assert rendered == "Hello Ada!"

    def test_a_missing_template_raises(self, template_app: Erlen) -> None:
        with template_app.app_context():
            with pytest.raises(self.missing_template_error):
                render_template("missing.txt")
            with pytest.raises(self.missing_template_error):
                render_template(["missing.txt", "also-missing.txt"])

    def test_streaming_a_missing_template_raises_before_the_response(
        self, template_app: Erlen
    ) -> None:
        with template_app.app_context(), pytest.raises(self.missing_template_error):
            stream_template("missing.txt")

    # -- the context ---------------------------------------------------------------

    def test_the_default_names_reach_the_template(
        self, template_client: ErlenClient
    ) -> None:
        # The block keeps the request's contexts, to compare with what they hold.
        with template_client:
            response = template_client.get("/context")
            expected = ["/context", "from-config", "ada", str(session), str(url_for)]
        assert response.text.split("\n") == expected

    def test_context_processors_and_passed_values_reach_the_template(
        self, template_app: Erlen
    ) -> None:
        @template_app.context_processor
        def processed() -> dict[str, str]:
            return {"processed": "by-processor", "visitor": "from-processor"}

        with template_app.app_context():
            rendered = render_template("extra.txt", visitor="passed")
        # A value the caller passes wins over a context processor's.
        assert rendered == "by-processor passed"

    # -- template strings --------------------------------------------------------

    def test_a_template_string_renders_and_escapes(self, template_app: Erlen) -> None:
        source = f"Hi {self.expression('name')}"
        with template_app.app_context():
            assert render_template_string(source, name="Ada") == "Hi Ada"
            assert render_template_string(source, name="<i>") == "Hi &lt;i&gt;"

    # -- streaming -----------------------------------------------------------------

    def test_a_named_template_streams_as_it_renders(self, template_app: Erlen) -> None:
        with template_app.app_context():
            rendered = render_template("greeting.html", name="<b>Ada</b>")
            streamed = "".join(stream_template("greeting.html", name="<b>Ada</b>"))
        assert streamed == rendered

    def test_a_streamed_response_still_sees_the_request(
        self, template_client: ErlenClient
    ) -> None:
        response = template_client.get("/stream?name=Ada")
        assert response.text == "/stream Ada"

    def test_a_template_string_streams_in_a_response(
        self, template_client: ErlenClient
    ) -> None:
        response = template_client.get("/stream-string?name=<i>")
        assert response.text == "Hi &lt;i&gt;"


def _add_template_views(app: Erlen, expr: t.Callable[[str], str]) -> None:
    """Views that render with a request active, as applications do."""

    @app.get("/context")
    def context() -> str:
        g.visitor = "ada"
        return render_template("context.txt")

    @app.get("/stream")
    def stream() -> Response:
        # Rendering runs as the body is sent, after the view has returned.
        return app.response_class(
            stream_template("page.txt", name=request.args["name"])
        )

    @app.get("/stream-string")
    def stream_string() -> Response:
        source = f"Hi {expr('name')}"
        return app.response_class(
            stream_template_string(source, name=request.args["name"])
        )
