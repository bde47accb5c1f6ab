"""Filters, tests and globals registered on the app reach its templates."""

from __future__ import annotations

import dataclasses
import typing as t

import pytest
from markupsafe import Markup

from erlen import Erlen
from erlen import render_template
from erlen import render_template_string
from erlen.json.provider import DefaultJSONProvider

if t.TYPE_CHECKING:
    from ..conftest import BlueprintFactory


def render(app: Erlen, source: str, **context: t.Any) -> str:
    with app.app_context():
        return render_template_string(source, **context)


def test_template_filter_decorator(app: Erlen) -> None:
    @app.template_filter()
    def shout(text: str) -> str:
        return text.upper()

    @app.template_filter("whisper")
    def lower(text: str) -> str:
        return text.lower()

    assert render(app, "{{ 'Hi'|shout }} {{ 'Hi'|whisper }}") == "HI hi"


def test_add_template_filter(app: Erlen) -> None:
    app.add_template_filter(str.upper, "shout")
    assert render(app, "{{ 'hi'|shout }}") == "HI"
    assert app.jinja_env.filters["shout"] is str.upper


def test_template_test_decorator_and_add(app: Erlen) -> None:
    @app.template_test()
    def boolean(value: object) -> bool:
        return isinstance(value, bool)

    app.add_template_test(lambda value: value % 2 == 0, "even_number")
    assert (
        render(app, "{{ x is boolean }} {{ 4 is even_number }}", x=False) == "True True"
    )


def test_template_global_decorator_and_add(app: Erlen) -> None:
    @app.template_global()
    def double(n: int) -> int:
        return 2 * n

    app.add_template_global(42, "answer")
    assert render(app, "{{ double(2) }} {{ answer }}") == "4 42"


def test_registrations_after_the_environment_exists_are_seen(app: Erlen) -> None:
    assert render(app, "{{ 1 }}") == "1"
    app.add_template_filter(str.upper, "shout")
    app.add_template_test(lambda v: v == 3, "three")
    app.add_template_global("late", "when")
    assert render(app, "{{ 'a'|shout }} {{ 3 is three }} {{ when }}") == "A True late"


def test_writes_to_the_environment_are_the_apps_registrations(app: Erlen) -> None:
    app.jinja_env.filters["shout"] = str.upper
    app.jinja_env.globals["site"] = "Erlen"
    assert app.template_filters["shout"] is str.upper
    assert app.template_globals["site"] == "Erlen"
    assert render(app, "{{ site|shout }}") == "ERLEN"


def test_app_filters_override_jinjas(app: Erlen) -> None:
    app.add_template_filter(lambda value: "mine", "upper")
    assert render(app, "{{ 'a'|upper }}") == "mine"


def test_jinja_builtins_stay_available(app: Erlen) -> None:
    assert (
        render(app, "{{ 'a'|upper }} {{ 3 is odd }} {{ range(3)|list }}")
        == "A True [0, 1, 2]"
    )


def test_blueprint_app_registrations(
    app: Erlen, make_blueprint: BlueprintFactory
) -> None:
    bp = make_blueprint("extras", None)

    @bp.app_template_filter()
    def shout(text: str) -> str:
        return text.upper()

    @bp.app_template_test()
    def empty(value: str) -> bool:
        return not value

    @bp.app_template_global()
    def site() -> str:
        return "Erlen"

    bp.add_app_template_filter(str.lower, "whisper")
    bp.add_app_template_test(lambda v: v == 1, "one")
    bp.add_app_template_global("v1", "version")
    assert render(app, "{{ 1 }}") == "1"  # the environment exists before registration
    app.register_blueprint(bp)
    source = "{{ 'a'|shout }}{{ 'B'|whisper }} {{ '' is empty }} {{ 1 is one }} {{ site() }} {{ version }}"
    assert render(app, source) == "Ab True True Erlen v1"


def test_second_environment_sees_the_same_registrations(app: Erlen) -> None:
    app.add_template_filter(str.upper, "shout")
    env = app.create_jinja_environment()
    assert env.from_string("{{ 'a'|shout }}").render() == "A"


def test_unknown_filter_is_an_error(app: Erlen) -> None:
    from jinja2 import TemplateAssertionError

    with pytest.raises(TemplateAssertionError, match="shout"):
        render(app, "{{ 'a'|shout }}")


# -- tojson ---------------------------------------------------------------------------


def test_tojson_is_safe_inside_html(app: Erlen) -> None:
    rendered = render(
        app, "<script>var x = {{ x|tojson }};</script>", x="</script><b>&'"
    )
    assert rendered == (
        '<script>var x = "\\u003c/script\\u003e\\u003cb\\u003e\\u0026\\u0027";</script>'
    )


def test_tojson_file_template(app: Erlen) -> None:
    with app.app_context():
        assert render_template("tojson.html", value={"b": 1, "a": [True, None]}) == (
            '{"a": [true, null], "b": 1}'
        )


@dataclasses.dataclass
class Point:
    x: int
    y: int


def test_tojson_goes_through_app_json(app: Erlen) -> None:
    # The default provider knows dataclasses and markup; plain json does not.
    assert render(app, "{{ p|tojson }}", p=Point(1, 2)) == '{"x": 1, "y": 2}'
    assert render(app, "{{ m|tojson }}", m=Markup("<i>")) == '"\\u003ci\\u003e"'


def test_tojson_follows_a_replaced_provider(app: Erlen) -> None:
    class Provider(DefaultJSONProvider):
        def dumps(self, obj: t.Any, **kwargs: t.Any) -> str:
            return super().dumps({"wrapped": obj}, **kwargs)

    assert render(app, "{{ 1|tojson }}") == "1"
    app.json = Provider(app)
    assert render(app, "{{ 1|tojson }}") == '{"wrapped": 1}'


def test_tojson_passes_indent_to_the_provider(app: Erlen) -> None:
    assert render(app, "{{ [1]|tojson(indent=1) }}") == "[\n 1\n]"


def test_cached_templates_see_globals_registered_later(app: Erlen) -> None:
    with app.app_context():
        assert render_template("late.txt") == "unset"
        app.add_template_global("now set", "late")
        assert render_template("late.txt") == "now set"
        del app.jinja_env.globals["late"]
        assert render_template("late.txt") == "unset"


def test_per_template_globals_win_over_the_apps(app: Erlen) -> None:
    app.add_template_global("app", "late")
    template = app.jinja_env.get_template("late.txt", globals={"late": "template"})
    assert template.render() == "template"
    assert app.jinja_env.from_string("{{ late }}").render() == "app"


def test_render_values_win_over_globals(app: Erlen) -> None:
    app.add_template_global("global", "late")
    with app.app_context():
        assert render_template("late.txt", late="passed") == "passed"
