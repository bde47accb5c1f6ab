"""Matching without Werkzeug's search answers as Werkzeug's search.

:mod:`erlen.speedups.matching` decides a path by looking up the stops of
Werkzeug's tree that the path reaches, and hands anything it cannot decide
to Werkzeug. These tests generate maps (rules of every converter, several
converters in one piece, trailing slashes, methods, WebSocket rules,
defaults, aliases, redirects, subdomains, hosts, the map's slash and
default settings, an app's own converter) and paths made of the rules'
pieces, and compare every answer the module gives with
``MapAdapter.match``'s: the rule, the arguments and their types, or the
error's type, allowed methods and redirect target. The adapter requests
use (:class:`erlen.speedups.routing._MatchCachingAdapter`) is compared
too, so what is handed over is answered as well.
"""

from __future__ import annotations

import re
import typing as t
import uuid

import pytest
from hypothesis import event
from hypothesis import given
from hypothesis import HealthCheck
from hypothesis import settings
from hypothesis import strategies as st
from werkzeug.exceptions import HTTPException
from werkzeug.exceptions import MethodNotAllowed
from werkzeug.exceptions import NotFound
from werkzeug.routing import BaseConverter
from werkzeug.routing import Map
from werkzeug.routing import MapAdapter
from werkzeug.routing import RequestRedirect
from werkzeug.routing import Rule
from werkzeug.routing import ValidationError
from werkzeug.routing.matcher import StateMachineMatcher

from erlen.speedups import matching
from erlen.speedups.routing import _MatchCachingAdapter

EXAMPLES = settings(
    max_examples=400,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


class Even(BaseConverter):
    """An app's own converter: a regex that may be empty, a check in Python."""

    regex = r"\d*"

    def to_python(self, value: str) -> int:
        if not value or int(value) % 2:
            raise ValidationError()
        return int(value)


#: Pieces of rules: literals, converters of every kind, several in one piece.
RULE_PIECES = [
    "a",
    "b",
    "users",
    "<name>",
    "<int:id>",
    "<int(signed=True):n>",
    "<int(min=2, max=50):small>",
    "<int(fixed_digits=2):two>",
    "<float:f>",
    "<any(a, users, x):choice>",
    "<uuid:u>",
    "<string(length=2):pair>",
    "<string(minlength=0):maybe>",
    "<even:e>",
    "a-<name2>",
    "<left>.<right>",
    "<path:rest>",
]

#: Pieces of paths: what the rules accept and what they refuse.
PATH_PIECES = [
    "a",
    "b",
    "users",
    "x",
    "1",
    "07",
    "42",
    "-3",
    "1.5",
    "ab",
    "a-b",
    "a.b",
    "4",
    "",
    "9a2b2d3c-7b7e-4f7e-9b7e-2b7e9f7e2b7e",
    "%",
    "\u00e9",
]

METHODS = ["GET", "POST", "PUT", "DELETE", "HEAD"]


@st.composite
def rules(draw: st.DrawFn, host_matching: bool) -> Rule:
    pieces = draw(st.lists(st.sampled_from(RULE_PIECES), min_size=0, max_size=4))
    # Each variable once per rule, as Werkzeug requires.
    seen: set[str] = set()
    kept = []
    for piece in pieces:
        names = {part.split(":")[-1].rstrip(">") for part in piece.split("<")[1:]}
        if names & seen:
            continue
        seen |= names
        kept.append(piece)
    text = "/" + "/".join(kept)
    if draw(st.booleans()) and kept:
        text += "/"
    if draw(st.integers(0, 9)) == 0:
        text = text.replace("/", "//", 1)
    options: dict[str, t.Any] = {
        "endpoint": draw(st.sampled_from(["e1", "e2", "e3"])),
        "methods": draw(
            st.sampled_from([None, ["GET"], ["POST"], ["GET", "PUT"], ["DELETE"]])
        ),
    }
    if draw(st.integers(0, 9)) == 0:
        options["strict_slashes"] = False
    if draw(st.integers(0, 5)) == 0:
        options["defaults"] = {"page": draw(st.sampled_from([1, "x"]))}
    if draw(st.integers(0, 9)) == 0:
        options["redirect_to"] = "/a"
    if draw(st.integers(0, 9)) == 0:
        options["alias"] = True
    if draw(st.integers(0, 7)) == 0:
        options["websocket"] = True
        options["methods"] = None
    if draw(st.integers(0, 9)) == 0:
        options["merge_slashes"] = False
    if draw(st.integers(0, 9)) == 0:
        options["build_only"] = True
    if host_matching:
        options["host"] = draw(
            st.sampled_from(["example.com", "<sub>.example.com", "other.org"])
        )
    else:
        options["subdomain"] = draw(st.sampled_from(["", "", "", "", "api", "<sub>"]))
    return Rule(text, **options)


@st.composite
def url_maps(draw: st.DrawFn) -> Map:
    host_matching = draw(st.integers(0, 5)) == 0
    url_map = Map(
        draw(st.lists(rules(host_matching), min_size=0, max_size=8)),
        strict_slashes=draw(st.integers(0, 3)) > 0,
        merge_slashes=draw(st.booleans()),
        redirect_defaults=draw(st.booleans()),
        host_matching=host_matching,
        converters={"even": Even},
    )
    return url_map


@st.composite
def paths(draw: st.DrawFn, url_map: Map) -> str:
    """A path of pieces, or one of the map's rules filled in, slashes varied."""
    rules = [rule.rule for rule in url_map.iter_rules()]
    if rules and draw(st.booleans()):
        path = re.sub(
            r"<[^>]*>",
            lambda _: draw(st.sampled_from(PATH_PIECES + ["a/b", "1/2/"])),
            draw(st.sampled_from(rules)),
        )
    else:
        pieces = draw(st.lists(st.sampled_from(PATH_PIECES), max_size=5))
        path = "/" + "/".join(pieces)
    change = draw(st.integers(0, 7))
    if change == 0:
        path = path.replace("/", "//", 1)
    elif change == 1:
        path = path[:-1] if path.endswith("/") else path + "/"
    elif change == 2:
        path = path.lstrip("/")
    return path


def _outcome(call: t.Callable[[], tuple[Rule, t.Mapping[str, t.Any]]]) -> t.Any:
    """What a match gave: the rule and typed arguments, or the error's meaning."""
    try:
        rule, values = call()
    except RequestRedirect as error:
        return ("redirect", error.new_url)
    except MethodNotAllowed as error:
        return ("405", error.valid_methods)
    except HTTPException as error:
        return ("error", type(error))
    return ("rule", id(rule), {name: (type(value), value) for name, value in values.items()})


def _adapters(
    url_map: Map, host: str, subdomain: str | None, method: str, websocket: bool
) -> tuple[MapAdapter, MapAdapter]:
    """Werkzeug's adapter and the one Erlen binds, on the same values."""
    arguments = (url_map, host, "/", subdomain, "ws" if websocket else "http")
    return (
        MapAdapter(*arguments, "/", method, "q=1"),
        _MatchCachingAdapter(*arguments, "/", method, "q=1"),
    )


@EXAMPLES
@given(
    url_map=url_maps(),
    data=st.data(),
    subdomain=st.sampled_from(["", "", "", "api", "x", None]),
    host=st.sampled_from(["example.com", "example.com", "api.example.com", "other.org"]),
)
def test_every_decided_answer_is_werkzeugs(
    url_map: Map, data: st.DataObject, subdomain: str | None, host: str
) -> None:
    if url_map.host_matching:
        subdomain = None
    requests = data.draw(
        st.lists(
            st.tuples(paths(url_map), st.sampled_from(METHODS), st.booleans()),
            min_size=1,
            max_size=6,
        )
    )
    index = _index(url_map)
    for path, method, websocket in requests:
        _compare(url_map, index, host, subdomain, path, method, websocket)


def _compare(
    url_map: Map,
    index: matching.Index | None,
    host: str,
    subdomain: str | None,
    path: str,
    method: str,
    websocket: bool,
) -> None:
    """Werkzeug's answer against the module's, when it decides, and the adapter's."""
    theirs, ours = _adapters(url_map, host, subdomain, method, websocket)
    expected = _outcome(lambda: theirs.match(path, return_rule=True))
    if index is None:
        event("no index")
    else:
        domain = host if url_map.host_matching or subdomain is None else subdomain
        # As MapAdapter.match hands the path to the matcher.
        path_part = f"/{path.lstrip('/')}" if path else ""
        try:
            answer = matching.match(index, url_map, domain, path_part, method, websocket)
        except HTTPException as error:
            event(f"decided: {type(error).__name__}")
            assert _outcome(_raiser(error)) == expected, (path, method)
        else:
            event("undecided" if answer is None else "decided: rule")
            if answer is not None:
                decided = answer
                assert _outcome(lambda: decided) == expected, (path, method)
    # The adapter requests use: decided or handed over, then remembered.
    ours.path_info = path
    for _ in range(2):
        assert _outcome(lambda: ours.match(return_rule=True)) == expected


def _index(url_map: Map) -> matching.Index | None:
    return matching.routes_of(url_map).index


def _raiser(error: Exception) -> t.Callable[[], t.NoReturn]:
    def call() -> t.NoReturn:
        raise error

    return call


# -- hand-picked: what is decided, what is handed over --------------------------------


def _api() -> Map:
    url_map = Map([Rule("/static/<path:filename>", endpoint="static")])
    for resource in ("users", "posts"):
        prefix = f"/api/v1/{resource}"
        url_map.add(Rule(prefix, endpoint=f"{resource}_list", methods=["GET"]))
        url_map.add(Rule(prefix, endpoint=f"{resource}_create", methods=["POST"]))
        item = f"{prefix}/<int:id>"
        url_map.add(Rule(item, endpoint=f"{resource}_read", methods=["GET"]))
        url_map.add(Rule(item, endpoint=f"{resource}_update", methods=["PUT"]))
    return url_map


@pytest.mark.parametrize(
    ("path", "method", "expected"),
    [
        ("/api/v1/users/12", "GET", ("users_read", {"id": 12})),
        ("/api/v1/users/12", "PUT", ("users_update", {"id": 12})),
        ("/api/v1/posts", "POST", ("posts_create", {})),
        ("/static/css/site.css", "GET", ("static", {"filename": "css/site.css"})),
    ],
)
def test_an_apps_usual_paths_are_decided(
    path: str, method: str, expected: tuple[str, dict[str, t.Any]]
) -> None:
    url_map = _api()
    index = _index(url_map)
    assert index is not None
    answer = matching.match(index, url_map, "", path, method, False)
    assert answer is not None
    assert (answer[0].endpoint, answer[1]) == expected


def test_errors_are_decided_as_werkzeug_raises_them() -> None:
    url_map = _api()
    index = _index(url_map)
    assert index is not None
    with pytest.raises(MethodNotAllowed) as refused:
        matching.match(index, url_map, "", "/api/v1/users/12", "DELETE", False)
    with pytest.raises(MethodNotAllowed) as werkzeugs:
        url_map.bind("example.com").match("/api/v1/users/12", "DELETE")
    assert refused.value.valid_methods == werkzeugs.value.valid_methods
    with pytest.raises(NotFound):
        matching.match(index, url_map, "", "/wp-admin/setup.php", "GET", False)
    with pytest.raises(NotFound):
        # The converter refuses the value: Werkzeug's 404 without a search.
        matching.match(index, url_map, "", "/api/v1/users/x", "GET", False)


@pytest.mark.parametrize(
    ("rules", "path"),
    [
        # /a redirects to /a/.
        ([Rule("/a/", endpoint="dir")], "/a"),
        # Two stops reached: Werkzeug's order decides.
        ([Rule("/<name>", endpoint="any"), Rule("/<int:id>", endpoint="id")], "/7"),
        # Merged slashes redirect.
        ([Rule("/a/b", endpoint="ab")], "/a//b"),
        # A rule that ignores the trailing slash.
        ([Rule("/a", endpoint="a", strict_slashes=False)], "/a/"),
        # Redirects of the rule itself.
        ([Rule("/a", endpoint="a", redirect_to="/b")], "/a"),
    ],
)
def test_redirects_and_ties_are_left_to_werkzeug(rules: list[Rule], path: str) -> None:
    url_map = Map(rules)
    index = _index(url_map)
    assert index is not None
    assert matching.match(index, url_map, "", path, "GET", False) is matching.UNDECIDED


def test_a_map_not_built_of_plain_parts_is_left_to_werkzeug() -> None:
    class Subclassed(Rule):
        pass

    assert _index(Map([Subclassed("/a", endpoint="a")])) is None

    class Matcher(StateMachineMatcher):
        pass

    url_map = Map([Rule("/a", endpoint="a")])
    url_map._matcher = Matcher(url_map.merge_slashes)
    assert _index(url_map) is None
    # A part after one that spans slashes: only a host rule makes one.
    spanning = Map([Rule("/a", host="<path:h>", endpoint="a")], host_matching=True)
    assert _index(spanning) is None


def test_rules_added_later_are_matched() -> None:
    url_map = Map([Rule("/items/<int:id>", endpoint="item")])
    adapter = url_map.bind("example.com")
    assert _MatchCachingAdapter.match(_bound(url_map, "/items/1"), return_rule=True)[
        0
    ].endpoint == "item"
    url_map.add(Rule("/items/1", endpoint="first"))
    # Building sorts the map again before the next match: still seen as new.
    assert adapter.build("item", {"id": 2}) == "/items/2"
    for _ in range(2):
        rule, _values = _bound(url_map, "/items/1").match(return_rule=True)
        assert rule.endpoint == "first"
    assert _bound(url_map, "/items/3").match(return_rule=True)[1] == {"id": 3}


def _bound(url_map: Map, path: str) -> _MatchCachingAdapter:
    return _MatchCachingAdapter(url_map, "example.com", "/", "", "http", path, "GET")


def test_uuid_and_float_values_keep_their_types() -> None:
    url_map = Map([Rule("/u/<uuid:u>/<float:f>", endpoint="u")])
    index = _index(url_map)
    assert index is not None
    value = uuid.uuid4()
    answer = matching.match(index, url_map, "", f"/u/{value}/1.5", "GET", False)
    assert answer is not None
    assert answer[1] == {"u": value, "f": 1.5}
