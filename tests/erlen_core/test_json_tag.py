"""The tagged JSON serializer: Flask's wire format, and adding types to it."""

from __future__ import annotations

import typing as t
from datetime import datetime
from datetime import timezone
from uuid import UUID

import pytest
from markupsafe import Markup

from erlen import Erlen
from erlen.json.tag import JSONTag
from erlen.json.tag import TaggedJSONSerializer

WHEN = datetime(2025, 6, 15, 12, 30, 45, tzinfo=timezone.utc)
ID = UUID("12345678123456781234567812345678")


@pytest.fixture
def serializer() -> t.Iterator[TaggedJSONSerializer]:
    # Inside an app context, as sessions are: the app's JSON settings apply.
    with Erlen(__name__).app_context():
        yield TaggedJSONSerializer()


@pytest.mark.parametrize(
    ("value", "dumped"),
    [
        ((1, "a"), '{" t":[1,"a"]}'),
        (b"\x00\xff", '{" b":"AP8="}'),
        (Markup("<b>x</b>"), '{" m":"<b>x</b>"}'),
        (ID, '{" u":"12345678123456781234567812345678"}'),
        (WHEN, '{" d":"Sun, 15 Jun 2025 12:30:45 GMT"}'),
        ({" t": 1}, '{" di":{" t__":1}}'),
        ({" t": 1, "b": 2}, '{" t":1,"b":2}'),
        ([(1,), {"k": b"v"}], '[{" t":[1]},{"k":{" b":"dg=="}}]'),
        ({"b": 1, "a": "é"}, '{"a":"\\u00e9","b":1}'),
    ],
    ids=[
        "tuple",
        "bytes",
        "markup",
        "uuid",
        "datetime",
        "tag-like",
        "two-keys",
        "nested",
        "plain",
    ],
)
def test_values_dump_to_flasks_format_and_load_back(
    serializer: TaggedJSONSerializer, value: t.Any, dumped: str
) -> None:
    assert serializer.dumps(value) == dumped
    loaded = serializer.loads(dumped)
    assert loaded == value
    assert type(loaded) is type(value)


def test_a_naive_datetime_is_taken_as_utc(serializer: TaggedJSONSerializer) -> None:
    loaded = serializer.loads(serializer.dumps(datetime(2025, 6, 15, 12, 30, 45, 999)))

    assert loaded == WHEN


def test_a_tag_like_dict_nested_in_a_tag_like_dict(
    serializer: TaggedJSONSerializer,
) -> None:
    value = {" di": {" t": (1, 2)}}

    assert serializer.loads(serializer.dumps(value)) == value


class TagFrozenset(JSONTag):
    __slots__ = ()
    key = " fs"

    def check(self, value: t.Any) -> bool:
        return isinstance(value, frozenset)

    def to_json(self, value: t.Any) -> t.Any:
        return sorted(self.serializer.tag(item) for item in value)

    def to_python(self, value: t.Any) -> t.Any:
        return frozenset(value)


def test_a_registered_tag_round_trips_its_type(
    serializer: TaggedJSONSerializer,
) -> None:
    serializer.register(TagFrozenset)

    assert serializer.dumps(frozenset({2, 1})) == '{" fs":[1,2]}'
    assert serializer.loads('{"x":{" fs":[1,2]}}') == {"x": frozenset({1, 2})}


def test_registering_a_taken_key_fails_unless_forced(
    serializer: TaggedJSONSerializer,
) -> None:
    class Other(TagFrozenset):
        __slots__ = ()
        key = " t"

    with pytest.raises(KeyError, match="force=True"):
        serializer.register(Other)
    serializer.register(Other, force=True)

    assert serializer.loads('{" t":[1]}') == frozenset({1})


def test_index_puts_a_tag_before_the_built_in_ones(
    serializer: TaggedJSONSerializer,
) -> None:
    class Point(t.NamedTuple):
        x: int
        y: int

    class TagPoint(JSONTag):
        __slots__ = ()
        key = " pt"

        def check(self, value: t.Any) -> bool:
            return isinstance(value, Point)

        def to_json(self, value: t.Any) -> t.Any:
            return list(value)

        def to_python(self, value: t.Any) -> t.Any:
            return Point(*value)

    serializer.register(TagPoint)
    assert serializer.dumps(Point(1, 2)) == '{" t":[1,2]}'  # the tuple tag came first
    serializer.register(TagPoint, force=True, index=0)

    assert serializer.loads(serializer.dumps(Point(1, 2))) == Point(1, 2)
    assert type(serializer.loads(serializer.dumps(Point(1, 2)))) is Point


def test_a_registered_tag_can_claim_plain_strings_and_numbers(
    serializer: TaggedJSONSerializer,
) -> None:
    # Plain JSON values skip the tag checks only while no tag could want them.
    class TagBigInt(JSONTag):
        """Integers too large for a JavaScript number, kept as text."""

        __slots__ = ()
        key = " big"

        def check(self, value: t.Any) -> bool:
            return isinstance(value, int) and abs(value) >= 2**53

        def to_json(self, value: t.Any) -> t.Any:
            return str(value)

        def to_python(self, value: t.Any) -> t.Any:
            return int(value)

    assert serializer.dumps({"n": 2**60}) == f'{{"n":{2**60}}}'
    serializer.register(TagBigInt, index=0)

    assert (
        serializer.dumps({"n": 2**60, "m": 1}) == f'{{"m":1,"n":{{" big":"{2**60}"}}}}'
    )
    assert serializer.loads(serializer.dumps({"n": 2**60})) == {"n": 2**60}


# -- texts read again ---------------------------------------------------------
# The serializer remembers the data of a text it has read (a browser sends the
# same cookie again and again); each load must still be a value of its own,
# and what the text means must follow the tags and the app's JSON provider.


def test_a_text_loaded_again_is_a_fresh_value(serializer: TaggedJSONSerializer) -> None:
    text = '{"count":41,"user":"ada"}'
    first = serializer.loads(text)
    first["count"] += 1
    first["user"] = "eve"

    second = serializer.loads(text)
    assert second == {"count": 41, "user": "ada"}
    second["count"] = 0
    assert serializer.loads(text) == {"count": 41, "user": "ada"}


def test_a_container_inside_loaded_data_is_never_shared(
    serializer: TaggedJSONSerializer,
) -> None:
    text = '{"cart":["apple"],"prefs":{"a":1}}'
    first = serializer.loads(text)
    first["cart"].append("pear")
    first["prefs"]["a"] = 2

    assert serializer.loads(text) == {"cart": ["apple"], "prefs": {"a": 1}}


def test_a_tag_registered_later_applies_to_a_text_read_before(
    serializer: TaggedJSONSerializer,
) -> None:
    # A one-key object whose key is not a tag yet is plain data...
    text = '{"point":"1+2j"}'
    assert serializer.loads(text) == {"point": "1+2j"}

    class TagPoint(JSONTag):
        __slots__ = ()
        key = "point"

        def check(self, value: t.Any) -> bool:
            return False

        def to_json(self, value: t.Any) -> t.Any:
            return value

        def to_python(self, value: t.Any) -> t.Any:
            return complex(value)

    serializer.register(TagPoint)
    # ...until the key becomes a tag.
    assert serializer.loads(text) == complex(1, 2)


def test_an_apps_own_json_loads_is_asked_every_time() -> None:
    from decimal import Decimal

    from erlen.json.provider import DefaultJSONProvider

    class DecimalFloats(DefaultJSONProvider):
        def loads(self, s: str | bytes, **kwargs: t.Any) -> t.Any:
            return super().loads(s, parse_float=Decimal, **kwargs)

    serializer = TaggedJSONSerializer()
    text = '{"price":1.10}'
    plain = Erlen(__name__)
    with plain.app_context():
        assert serializer.loads(text) == {"price": 1.1}
    own = Erlen(__name__)
    own.json = DecimalFloats(own)
    with own.app_context():
        for _ in range(2):
            loaded = serializer.loads(text)
            assert type(loaded["price"]) is Decimal
    with plain.app_context():
        assert type(serializer.loads(text)["price"]) is float


def test_remembered_texts_are_bounded(serializer: TaggedJSONSerializer) -> None:
    from erlen.json.tag import _MAX_LOADED

    texts = [f'{{"n":{n}}}' for n in range(_MAX_LOADED + 10)]
    for n, text in enumerate(texts):
        assert serializer.loads(text) == {"n": n}
        assert len(serializer._loaded) <= _MAX_LOADED
    assert serializer.loads(texts[0]) == {"n": 0}


def test_dumps_follows_the_apps_own_json_dumps() -> None:
    from erlen.json.provider import DefaultJSONProvider

    class Shouting(DefaultJSONProvider):
        def dumps(self, obj: t.Any, **kwargs: t.Any) -> str:
            return super().dumps(obj, **kwargs).upper()

    app = Erlen(__name__)
    serializer = TaggedJSONSerializer()
    with app.app_context():
        assert serializer.dumps({"a": "b"}) == '{"a":"b"}'
        app.json.sort_keys = False
        assert serializer.dumps({"b": 1, "a": 2}) == '{"b":1,"a":2}'
        app.json = Shouting(app)
        assert serializer.dumps({"a": "b"}) == '{"A":"B"}'


def test_importing_erlen_does_not_import_the_serializer() -> None:
    # Only a sessions backend needs it, when it first stores a session.
    import subprocess
    import sys

    code = "import sys, erlen; print('erlen.json.tag' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True
    ).stdout
    assert out.strip() == "False"
