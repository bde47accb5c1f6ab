"""DefaultJSONProvider and the erlen.json helpers, against a stand-in app.

The provider needs only ``debug``, ``response_class`` (and, for the module
helpers, ``json`` plus what an app context asks of its host), so these tests
do not depend on the application class.
"""

from __future__ import annotations

import dataclasses
import decimal
import io
import json
import typing as t
import uuid
from datetime import date
from datetime import datetime
from datetime import timedelta
from datetime import timezone
from types import SimpleNamespace

import pytest
from werkzeug.wrappers import Response

from erlen import json as erlen_json
from erlen.json.provider import DefaultJSONProvider
from erlen.json.provider import JSONProvider
from erlen_contexts import AppContext
from erlen_contexts import AppCtxGlobals


class StandInApp:
    """The few attributes of an app that the JSON code reads."""

    response_class = Response
    app_ctx_globals_class = AppCtxGlobals
    signals = SimpleNamespace(
        appcontext_pushed=SimpleNamespace(receivers={}),
        appcontext_popped=SimpleNamespace(receivers={}),
    )

    def __init__(self, debug: bool = False) -> None:
        self.debug = debug
        self.json = DefaultJSONProvider(self)  # type: ignore[arg-type]

    def create_url_adapter(self, request: t.Any) -> None:
        return None

    def do_teardown_appcontext(self, exc: BaseException | None) -> None:
        pass

    def ensure_sync(self, func: t.Callable[..., t.Any]) -> t.Callable[..., t.Any]:
        return func

    def app_context(self) -> AppContext:
        return AppContext(self)  # type: ignore[arg-type]


@dataclasses.dataclass
class Point:
    x: int
    y: int


class Markup:
    def __init__(self, text: str) -> None:
        self.text = text

    def __html__(self) -> str:
        return self.text


@pytest.fixture
def app() -> StandInApp:
    return StandInApp()


@pytest.fixture
def provider(app: StandInApp) -> DefaultJSONProvider:
    return app.json


def body(response: Response) -> str:
    return response.get_data(as_text=True)


# -- dumps and loads ---------------------------------------------------------


def test_sorts_keys_by_default(provider: DefaultJSONProvider) -> None:
    assert provider.dumps({"b": 1, "a": 2}) == '{"a": 2, "b": 1}'


def test_sort_keys_can_be_turned_off(provider: DefaultJSONProvider) -> None:
    provider.sort_keys = False
    assert provider.dumps({"b": 1, "a": 2}) == '{"b": 1, "a": 2}'


def test_ensure_ascii_by_default(provider: DefaultJSONProvider) -> None:
    assert provider.dumps("é☃") == '"\\u00e9\\u2603"'


def test_ensure_ascii_can_be_turned_off(provider: DefaultJSONProvider) -> None:
    provider.ensure_ascii = False
    assert provider.dumps("é☃") == '"é☃"'


def test_call_arguments_override_attributes(provider: DefaultJSONProvider) -> None:
    out = provider.dumps({"b": "é", "a": 1}, sort_keys=False, ensure_ascii=False)
    assert out == '{"b": "é", "a": 1}'


def test_call_default_overrides_provider_default(
    provider: DefaultJSONProvider,
) -> None:
    assert provider.dumps({1, 2}, default=sorted) == "[1, 2]"


def test_instance_default_replaces_static_default(
    provider: DefaultJSONProvider,
) -> None:
    provider.default = lambda o: "custom"  # type: ignore[method-assign]
    assert provider.dumps(object()) == '"custom"'


@pytest.mark.parametrize("text", ['{"a": [1, 2.5, null]}', b'{"a": [1, 2.5, null]}'])
def test_loads_text_and_bytes(provider: DefaultJSONProvider, text: str | bytes) -> None:
    assert provider.loads(text) == {"a": [1, 2.5, None]}


def test_loads_passes_options(provider: DefaultJSONProvider) -> None:
    assert provider.loads("1.5", parse_float=decimal.Decimal) == decimal.Decimal("1.5")


def test_dump_writes_to_file(provider: DefaultJSONProvider) -> None:
    fp = io.StringIO()
    provider.dump({"b": 1, "a": date(2024, 1, 2)}, fp)
    assert fp.getvalue() == '{"a": "Tue, 02 Jan 2024 00:00:00 GMT", "b": 1}'


@pytest.mark.parametrize("fp", [io.StringIO('{"a": 1}'), io.BytesIO(b'{"a": 1}')])
def test_load_reads_file(provider: DefaultJSONProvider, fp: t.IO[t.Any]) -> None:
    assert provider.load(fp) == {"a": 1}


# -- default: the extra types ------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (date(2024, 2, 29), "Thu, 29 Feb 2024 00:00:00 GMT"),
        (datetime(2024, 2, 29, 13, 5, 9), "Thu, 29 Feb 2024 13:05:09 GMT"),
        (
            datetime(2024, 2, 29, 13, 5, 9, tzinfo=timezone(timedelta(hours=2))),
            "Thu, 29 Feb 2024 11:05:09 GMT",
        ),
        (decimal.Decimal("0.1"), "0.1"),
        (decimal.Decimal("1E+3"), "1E+3"),
        (
            uuid.UUID("12345678-1234-5678-1234-567812345678"),
            "12345678-1234-5678-1234-567812345678",
        ),
        (Point(1, 2), {"x": 1, "y": 2}),
        (Markup("<b>hi</b>"), "<b>hi</b>"),
    ],
    ids=[
        "date",
        "datetime",
        "aware-datetime",
        "decimal",
        "decimal-exp",
        "uuid",
        "dataclass",
        "html",
    ],
)
def test_default_serialises_extra_types(value: t.Any, expected: t.Any) -> None:
    assert DefaultJSONProvider.default(value) == expected


def test_extra_types_inside_structures(provider: DefaultJSONProvider) -> None:
    value = {
        "when": date(2024, 2, 29),
        "points": [Point(1, 2)],
        "n": decimal.Decimal("2"),
    }
    assert json.loads(provider.dumps(value)) == {
        "n": "2",
        "points": [{"x": 1, "y": 2}],
        "when": "Thu, 29 Feb 2024 00:00:00 GMT",
    }


def test_nested_dataclass_is_fully_converted(provider: DefaultJSONProvider) -> None:
    @dataclasses.dataclass
    class Line:
        start: Point
        end: Point

    assert json.loads(provider.dumps(Line(Point(0, 0), Point(1, 1)))) == {
        "end": {"x": 1, "y": 1},
        "start": {"x": 0, "y": 0},
    }


def test_html_result_is_made_a_plain_string() -> None:
    class SafeText(str):
        pass

    result = DefaultJSONProvider.default(Markup(SafeText("<i>x</i>")))
    assert result == "<i>x</i>"
    assert type(result) is str


@pytest.mark.parametrize("value", [object(), {1, 2}, Point, b"bytes"])
def test_unknown_type_is_type_error(value: t.Any) -> None:
    name = type(value).__name__
    with pytest.raises(
        TypeError, match=f"^Object of type {name} is not JSON serializable$"
    ):
        DefaultJSONProvider.default(value)


def test_unknown_type_fails_dumps(provider: DefaultJSONProvider) -> None:
    with pytest.raises(TypeError, match="Object of type object is not JSON"):
        provider.dumps({"a": object()})


# -- response ----------------------------------------------------------------


def test_response_is_compact_outside_debug(provider: DefaultJSONProvider) -> None:
    response = provider.response({"b": [1, 2], "a": {"c": 3}})
    assert body(response) == '{"a":{"c":3},"b":[1,2]}\n'


def test_response_is_indented_in_debug() -> None:
    app = StandInApp(debug=True)
    response = app.json.response({"b": [1, 2], "a": 3})
    assert body(response) == '{\n  "a": 3,\n  "b": [\n    1,\n    2\n  ]\n}\n'


def test_indented_lines_have_no_trailing_space() -> None:
    app = StandInApp(debug=True)
    lines = body(app.json.response({"a": 1, "b": 2})).splitlines()
    assert all(line == line.rstrip() for line in lines)


@pytest.mark.parametrize(
    ("compact", "debug", "indented"),
    [
        (None, False, False),
        (None, True, True),
        (True, False, False),
        (True, True, False),
        (False, False, True),
        (False, True, True),
    ],
)
def test_compact_setting_against_debug(
    compact: bool | None, debug: bool, indented: bool
) -> None:
    app = StandInApp(debug=debug)
    app.json.compact = compact
    text = body(app.json.response({"a": 1, "b": 2}))
    expected = '{\n  "a": 1,\n  "b": 2\n}\n' if indented else '{"a":1,"b":2}\n'
    assert text == expected


def test_debug_is_read_at_response_time(app: StandInApp) -> None:
    assert body(app.json.response([1])) == "[1]\n"
    app.debug = True
    assert body(app.json.response([1])) == "[\n  1\n]\n"


def test_response_mimetype_and_class(provider: DefaultJSONProvider) -> None:
    response = provider.response(1)
    assert type(response) is Response
    assert response.mimetype == "application/json"
    assert response.content_type == "application/json"
    assert response.status_code == 200


def test_response_mimetype_can_be_changed(provider: DefaultJSONProvider) -> None:
    provider.mimetype = "application/vnd.api+json"
    assert provider.response(1).mimetype == "application/vnd.api+json"


def test_response_uses_app_response_class(app: StandInApp) -> None:
    class AppResponse(Response):
        pass

    app.response_class = AppResponse
    assert type(app.json.response(1)) is AppResponse


def test_response_honours_sort_keys_and_ensure_ascii(
    provider: DefaultJSONProvider,
) -> None:
    provider.sort_keys = False
    provider.ensure_ascii = False
    assert body(provider.response({"b": "é", "a": 1})) == '{"b":"é","a":1}\n'


def test_response_serialises_extra_types(provider: DefaultJSONProvider) -> None:
    response = provider.response(when=date(2024, 2, 29), id=uuid.UUID(int=1))
    assert response.get_json() == {
        "id": "00000000-0000-0000-0000-000000000001",
        "when": "Thu, 29 Feb 2024 00:00:00 GMT",
    }


# -- jsonify argument rules --------------------------------------------------


def test_args_and_kwargs_together_are_rejected(provider: DefaultJSONProvider) -> None:
    with pytest.raises(TypeError, match="either positional or keyword"):
        provider.response(1, a=2)


@pytest.mark.parametrize(
    ("args", "kwargs", "expected"),
    [
        ((), {}, "null\n"),
        ((1,), {}, "1\n"),
        (("text",), {}, '"text"\n'),
        ((None,), {}, "null\n"),
        (([1, 2],), {}, "[1,2]\n"),
        (({"a": 1},), {}, '{"a":1}\n'),
        ((1, "two", None), {}, '[1,"two",null]\n'),
        (([1], [2]), {}, "[[1],[2]]\n"),
        ((), {"b": 1, "a": [2]}, '{"a":[2],"b":1}\n'),
    ],
    ids=[
        "none",
        "one-int",
        "one-str",
        "one-none",
        "one-list",
        "one-dict",
        "several",
        "several-lists",
        "kwargs",
    ],
)
def test_response_argument_rules(
    provider: DefaultJSONProvider,
    args: tuple[t.Any, ...],
    kwargs: dict[str, t.Any],
    expected: str,
) -> None:
    assert body(provider.response(*args, **kwargs)) == expected


def test_prepare_response_obj_shapes(provider: DefaultJSONProvider) -> None:
    assert provider._prepare_response_obj((), {}) is None
    assert provider._prepare_response_obj((1, 2), {}) == [1, 2]
    assert provider._prepare_response_obj((), {"a": 1}) == {"a": 1}


# -- the base class ----------------------------------------------------------


def test_base_dumps_and_loads_are_abstract(app: StandInApp) -> None:
    base = JSONProvider(app)  # type: ignore[arg-type]
    with pytest.raises(NotImplementedError):
        base.dumps(1)
    with pytest.raises(NotImplementedError):
        base.loads("1")


class ReprProvider(JSONProvider):
    """A minimal provider: only dumps and loads, the rest inherited."""

    def dumps(self, obj: t.Any, **kwargs: t.Any) -> str:
        return json.dumps(obj, separators=(",", ":"), **kwargs)

    def loads(self, s: str | bytes, **kwargs: t.Any) -> t.Any:
        return json.loads(s, **kwargs)


def test_subclass_gets_dump_load_and_response(app: StandInApp) -> None:
    provider = ReprProvider(app)  # type: ignore[arg-type]
    fp = io.StringIO()
    provider.dump({"a": 1}, fp)
    assert fp.getvalue() == '{"a":1}'
    assert provider.load(io.StringIO('{"a": 1}')) == {"a": 1}
    response = provider.response(1, 2)
    assert body(response) == "[1,2]\n"
    assert response.mimetype == "application/json"


def test_provider_holds_app_weakly() -> None:
    app = StandInApp()
    provider = app.json
    del app
    with pytest.raises(ReferenceError):
        provider.response(1)


@pytest.mark.parametrize(
    ("separators", "indent"), [(None, None), ((",", ":"), None), (None, 2)]
)
@pytest.mark.parametrize("sort_keys", [True, False])
@pytest.mark.parametrize("ensure_ascii", [True, False])
def test_encoder_writes_what_dumps_writes(
    provider: DefaultJSONProvider,
    separators: tuple[str, str] | None,
    indent: int | None,
    sort_keys: bool,
    ensure_ascii: bool,
) -> None:
    provider.sort_keys = sort_keys
    provider.ensure_ascii = ensure_ascii
    value = {"b": ["é", 1.5, None, True], "a": {"z": date(2024, 2, 29)}, "c": "x"}

    encode = provider.encoder(separators, indent)

    assert encode(value) == provider.dumps(value, separators=separators, indent=indent)
    assert encode("é") == provider.dumps("é")


def test_encoder_follows_options_changed_before_it_is_asked_for(
    provider: DefaultJSONProvider,
) -> None:
    assert provider.encoder()({"b": 1, "a": 2}) == '{"a": 2, "b": 1}'
    provider.sort_keys = False
    assert provider.encoder()({"b": 1, "a": 2}) == '{"b": 1, "a": 2}'


def test_encoder_calls_a_dumps_the_subclass_overrides(app: StandInApp) -> None:
    class Tagged(DefaultJSONProvider):
        def dumps(self, obj: t.Any, **kwargs: t.Any) -> str:
            return f"{sorted(kwargs.items())}:{super().dumps(obj, **kwargs)}"

    provider = Tagged(app)  # type: ignore[arg-type]

    assert provider.encoder()([1]) == "[]:[1]"
    assert provider.encoder((",", ":"), 2)([1]) == (
        "[('indent', 2), ('separators', (',', ':'))]:[\n  1\n]"
    )


def test_encoder_rejects_what_dumps_rejects(provider: DefaultJSONProvider) -> None:
    with pytest.raises(TypeError, match="not JSON serializable"):
        provider.encoder()(object())


# -- the module helpers ------------------------------------------------------


def test_current_provider_is_the_app_providers_inside_a_context(
    app: StandInApp,
) -> None:
    assert erlen_json.current_provider() is None
    with app.app_context():
        assert erlen_json.current_provider() is app.json
    assert erlen_json.current_provider() is None


def test_helpers_without_app_context_use_stdlib() -> None:
    assert erlen_json.dumps({"b": date(2024, 2, 29), "a": 1}) == (
        '{"b": "Thu, 29 Feb 2024 00:00:00 GMT", "a": 1}'
    )
    assert erlen_json.loads(b'{"a": 1}') == {"a": 1}
    fp = io.StringIO()
    erlen_json.dump([decimal.Decimal("1.5")], fp)
    assert fp.getvalue() == '["1.5"]'
    assert erlen_json.load(io.StringIO("[1]")) == [1]


def test_jsonify_needs_app_context() -> None:
    with pytest.raises(RuntimeError, match="application context"):
        erlen_json.jsonify(1)


def test_helpers_use_current_app_provider(app: StandInApp) -> None:
    app.json.ensure_ascii = False
    with app.app_context():
        assert erlen_json.dumps({"b": "é", "a": 1}) == '{"a": 1, "b": "é"}'
        fp = io.StringIO()
        erlen_json.dump({"b": 1, "a": 2}, fp)
        assert fp.getvalue() == '{"a": 2, "b": 1}'
        assert erlen_json.loads("[1]", object_hook=dict) == [1]
        assert erlen_json.load(io.BytesIO(b'{"a": 1}')) == {"a": 1}
        response = erlen_json.jsonify(a=1)
    assert body(response) == '{"a":1}\n'
    assert response.mimetype == "application/json"


def test_helpers_reach_a_replaced_provider(app: StandInApp) -> None:
    class Recording(DefaultJSONProvider):
        calls: list[str] = []

        def loads(self, s: str | bytes, **kwargs: t.Any) -> t.Any:
            self.calls.append("loads")
            return super().loads(s, **kwargs)

    app.json = Recording(app)  # type: ignore[arg-type]
    with app.app_context():
        erlen_json.load(io.StringIO("1"))
        erlen_json.loads("1")
    assert Recording.calls == ["loads", "loads"]
