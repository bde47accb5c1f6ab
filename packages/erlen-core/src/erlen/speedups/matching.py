"""Speedup: a path matched without walking Werkzeug's state machine.

General path replaced: :meth:`werkzeug.routing.MapAdapter.match` with the
request's own path, method and host, for a path the match cache of
:mod:`erlen.speedups.routing` does not hold (real traffic rarely asks for the same path
twice in a row).

Werkzeug's matcher keeps the rules as a tree: each edge is one part of a
rule (a literal piece of path, or a regular expression standing for one
piece or, for a converter that spans slashes, all the rest), each node
holds the rules whose parts lead to it. A match is a depth-first search
that splits the path into pieces and follows every edge that accepts the
next one. It costs a recursive call, list slices and a compiled-pattern
lookup per edge tried, for every request.

The search can only end, with a rule, a redirect or an error, at a node it
reaches with the whole path used up (*a stop*: a node holding rules, or
whose empty-piece child holds rules, to redirect ``/a`` to ``/a/``), or
with a trailing empty piece left, for a rule that is not
``strict_slashes``. This module lists every stop once, with the parts that
lead to it, and finds every stop a path reaches: the stops of the path's
number of pieces are filed by their literal pieces, so one dict lookup per
shape of rule leaves only the regular expressions of the dynamic pieces to
run. When the path reaches exactly one stop, and no rule that ignores a
trailing slash is in play, Werkzeug's search can end nowhere else: the
answer (the first rule there for the method, or 405, or 404 when no stop
is reached) is the one Werkzeug gives, found without the search. Anything
else goes to Werkzeug (:data:`UNDECIDED`): two stops reached, a redirect
(slash, merged slashes, defaults, alias, ``redirect_to``), a map whose
tree holds parts after a converter that spans slashes, a subclass of
``Rule`` or of the matcher. Every decision is made before a converter's
``to_python`` runs, so it runs once, as in Werkzeug.

Internals used: ``Map._matcher`` (its ``_root`` node and
``merge_slashes``), the nodes' ``static``, ``dynamic`` and ``rules``,
``RulePart`` (``content``, ``static``, ``final``, ``suffixed``),
``Rule._converters``, ``Map._rules`` and ``Map._rules_by_endpoint``.
Held to the general path by ``tests/erlen_core/test_matching_equivalence.py``.
"""

from __future__ import annotations

import re
import typing as t
from operator import itemgetter

from werkzeug.exceptions import MethodNotAllowed
from werkzeug.exceptions import NotFound
from werkzeug.routing import BaseConverter
from werkzeug.routing import IntegerConverter
from werkzeug.routing import Map
from werkzeug.routing import Rule
from werkzeug.routing import ValidationError
from werkzeug.routing import WebsocketMismatch
from werkzeug.routing.converters import NumberConverter
from werkzeug.routing.matcher import State
from werkzeug.routing.matcher import StateMachineMatcher
from werkzeug.routing.rules import RulePart

#: What :func:`match` returns when only Werkzeug's search can answer.
UNDECIDED: t.Final = None

#: Reads a path's pieces at some positions: a value to look up stops by.
_Key = t.Callable[[list[str]], t.Any]
#: A dynamic piece to test: its position, the pattern's match and the names
#: of the converter groups, in the order Werkzeug collects them.
_Test = tuple[int, t.Callable[[str], "re.Match[str] | None"], tuple[str, ...]]
#: A stop's test of a path's pieces: the converter values, or ``None``.
_Reach = t.Callable[[list[str]], "t.Sequence[str] | None"]


class _Stop:
    """A node where Werkzeug's search may end, and how a path reaches it."""

    __slots__ = ("rules", "slash_rules", "reach")

    def __init__(
        self,
        rules: tuple[_Candidate, ...],
        slash_rules: tuple[Rule, ...],
        reach: _Reach,
    ) -> None:
        #: The node's rules, in the order Werkzeug tries them.
        self.rules = rules
        #: The rules of the node's empty-piece child: ``/a`` redirects to them.
        self.slash_rules = slash_rules
        #: The converter values of a path that reaches the node, else ``None``
        #: (its literal pieces were compared by the lookup that found it).
        self.reach = reach


class _Candidate(t.NamedTuple):
    """A rule of a stop, with what is worked out once for answering with it."""

    rule: Rule
    #: Whether an earlier rule of its endpoint has defaults, so that with
    #: ``redirect_defaults`` Werkzeug may redirect there.
    redirected: bool
    #: Each argument's name and its conversion: ``None`` when ``to_python``
    #: is ``BaseConverter``'s (the piece as it is), ``int`` for a plain
    #: ``IntegerConverter`` (no digits, bounds or override), else the
    #: converter's ``to_python``.
    conversions: tuple[tuple[str, t.Callable[[str], t.Any] | None], ...]


class Index:
    """Every stop of one map's tree, filed for lookup by a path's pieces."""

    __slots__ = ("by_count", "spanning", "merge_slashes", "lenient")

    def __init__(self, url_map: Map) -> None:
        #: Pieces count -> (key reader, key -> stops) for each shape of rule.
        self.by_count: dict[int, list[tuple[_Key, dict[t.Any, list[_Stop]]]]] = {}
        #: Stops behind a part that spans slashes: (parts before it, key
        #: reader, key, stop); the path needs more pieces than that.
        self.spanning: list[tuple[int, _Key, t.Any, _Stop]] = []
        self.merge_slashes: bool = url_map._matcher.merge_slashes
        #: Whether a rule matches with or without a trailing slash.
        self.lenient = any(not rule.strict_slashes for rule in url_map._rules)
        shapes: dict[tuple[int, tuple[int, ...]], dict[t.Any, list[_Stop]]] = {}
        redirected = _redirected_to(url_map)
        for node, route in _nodes(url_map._matcher._root, ()):
            empty = node.static.get("")
            slash_rules = tuple(empty.rules) if empty is not None else ()
            if not node.rules and not slash_rules:
                continue
            stop, statics, count, spans = _stop(node, route, slash_rules, redirected)
            positions = tuple(position for position, _ in statics)
            read = _reader(positions)
            pattern = [""] * count
            for position, content in statics:
                pattern[position] = content
            key = read(pattern)
            if not spans:
                table = shapes.get((count, positions))
                if table is None:
                    table = shapes[count, positions] = {}
                    self.by_count.setdefault(count, []).append((read, table))
                table.setdefault(key, []).append(stop)
            else:
                self.spanning.append((count, read, key, stop))


class Routes:
    """What is known of one map's rules: the index, and answers remembered.

    Kept until rules are added. Werkzeug marks the map (``_remap``) when a
    rule is added and clears the mark when it next sorts the rules
    (``Map.update``), which building a URL does too, so the mark alone can
    be gone by the next match: the map's update lock, which ``update``
    takes only when rules were added, is wrapped (:class:`_NoticedLock`)
    and keeps the routes until it is next taken.
    """

    __slots__ = ("index", "matches", "pure")

    def __init__(self, url_map: Map) -> None:
        self.index: Index | None = None
        if _plain(url_map):
            try:
                self.index = Index(url_map)
            except _Unsupported:
                pass
        #: Answers remembered by :mod:`erlen.speedups.routing`, by request, and whether a
        #: rule's answers may be remembered, by the rule's id.
        self.matches: dict[tuple[t.Any, ...], tuple[Rule, dict[str, t.Any]]] = {}
        self.pure: dict[int, bool] = {}


def routes_of(url_map: Map) -> Routes:
    """The map's :class:`Routes`, built again when rules were added."""
    lock: t.Any = url_map._remap_lock
    routes: Routes | None = getattr(lock, "routes", None)
    if routes is None or url_map._remap:
        if type(lock) is not _NoticedLock:
            lock = _NoticedLock(lock)
            # Map.update takes the wrapper as it took the lock.
            url_map._remap_lock = lock
        # Werkzeug sorts the tree's edges before matching: build on the
        # order its search follows.
        url_map.update()
        routes = lock.routes = Routes(url_map)
    return routes


class _NoticedLock:
    """The map's update lock, dropping the map's :class:`Routes` when taken.

    ``Map.update`` takes the lock only when rules were added since the
    last update, so each time it is taken, answers may have changed.
    """

    __slots__ = ("routes", "_lock")

    def __init__(self, lock: t.ContextManager[t.Any]) -> None:
        self.routes: Routes | None = None
        self._lock = lock

    def __enter__(self) -> t.Any:
        self.routes = None
        return self._lock.__enter__()

    def __exit__(self, *exc_info: t.Any) -> t.Any:
        return self._lock.__exit__(*exc_info)


def match(
    index: Index,
    url_map: Map,
    domain: str,
    path: str,
    method: str,
    websocket: bool,
) -> tuple[Rule, dict[str, t.Any]] | None:
    """Werkzeug's answer for a path in ``domain``, or :data:`UNDECIDED`.

    :param path: the path as Werkzeug's matcher gets it, with one leading
        slash (or empty).
    :raises NotFound, MethodNotAllowed, WebsocketMismatch: as Werkzeug
        would for this path.
    """
    pieces = [domain, *path.split("/")]
    if index.lenient and pieces[-1] == "":
        # A rule that ignores trailing slashes may answer after the search
        # backs out of the stops: only Werkzeug's order decides.
        return UNDECIDED
    reached: _Stop | None = None
    values: t.Sequence[str] = ()
    count = len(pieces)
    for read, table in index.by_count.get(count, ()):
        for stop in table.get(read(pieces), ()):
            found = stop.reach(pieces)
            if found is not None:
                if reached is not None:
                    return UNDECIDED
                reached, values = stop, found
    for before, read, key, stop in index.spanning:
        if count > before and read(pieces) == key:
            found = stop.reach(pieces)
            if found is not None:
                if reached is not None:
                    return UNDECIDED
                reached, values = stop, found
    # What Werkzeug's search gathers for its error: the methods of each rule
    # refused, in order, and whether a rule was for the other protocol.
    refused: list[t.AbstractSet[str]] = []
    mismatch = False
    if reached is not None:
        for rule, redirected, conversions in reached.rules:
            methods = rule.methods
            if methods is not None and method not in methods:
                refused.append(methods)
            elif rule.websocket != websocket:
                mismatch = True
            elif rule.redirect_to is not None or (
                url_map.redirect_defaults and (rule.alias or redirected)
            ):
                return UNDECIDED
            else:
                # The rule and its arguments, as Werkzeug converts them.
                result: dict[str, t.Any] = {}
                # Not strict, as Werkzeug's: a name used twice has one value.
                for (name, convert), value in zip(conversions, values, strict=False):
                    if convert is None:
                        result[name] = value
                    elif convert is int:
                        try:
                            result[name] = int(value)
                        except ValueError:
                            raise _no_match(refused, mismatch) from None
                    else:
                        try:
                            result[name] = convert(value)
                        except ValidationError:
                            raise _no_match(refused, mismatch) from None
                if rule.defaults:
                    result.update(rule.defaults)
                return rule, result
        for rule in reached.slash_rules:
            if websocket == rule.websocket and (
                rule.methods is None or method in rule.methods
            ):
                # A redirect to the path with a slash, or a lenient rule.
                return UNDECIDED
    if index.merge_slashes:
        if "//" in path:
            # Werkzeug searches again with the slashes merged.
            return UNDECIDED
        # It searches again all the same, and refuses the same rules again.
        refused *= 2
    raise _no_match(refused, mismatch)


def _no_match(refused: list[t.AbstractSet[str]], mismatch: bool) -> Exception:
    """The error ``MapAdapter.match`` raises when nothing matched.

    The allowed methods are gathered into one set as Werkzeug gathers them,
    one rule's methods after another: adding to a set may resize it, and
    the order the set ends in is the order of the ``Allow`` header.
    """
    if refused:
        allowed: set[str] = set()
        for methods in refused:
            allowed.update(methods)
        return MethodNotAllowed(valid_methods=list(allowed))
    if mismatch:
        return WebsocketMismatch()
    return NotFound()


class _Unsupported(Exception):
    """The map's tree holds a shape this module does not follow."""


def _plain(url_map: Map) -> bool:
    """Whether the map adds, sorts and matches rules as Werkzeug's own do."""
    cls = type(url_map)
    return (
        cls.add is Map.add
        and cls.update is Map.update
        and type(url_map._matcher) is StateMachineMatcher
        and all(type(rule) is Rule for rule in url_map._rules)
    )


#: An edge on the way to a node: a literal piece, or a dynamic part.
_Edge: t.TypeAlias = "str | RulePart"


def _nodes(node: State, route: tuple[_Edge, ...]) -> t.Iterator[tuple[State, tuple[_Edge, ...]]]:
    """Every node of the tree with the edges from the root to it."""
    yield node, route
    for content, child in node.static.items():
        yield from _nodes(child, (*route, content))
    for part, child in node.dynamic:
        yield from _nodes(child, (*route, part))


def _stop(
    node: State,
    route: tuple[_Edge, ...],
    slash_rules: tuple[Rule, ...],
    redirected: set[int],
) -> tuple[_Stop, list[tuple[int, str]], int, bool]:
    """The stop at ``node``, its literal pieces, how many pieces lead there
    and whether a part that spans slashes takes the rest.

    A part that spans slashes takes the rest of the path; after it only the
    empty piece its slash suffix leaves may follow.

    :raises _Unsupported: for any other part after one that spans slashes.
    """
    statics: list[tuple[int, str]] = []
    tests: list[_Test] = []
    final: tuple[_Test, bool | None] | None = None
    for position, edge in enumerate(route):
        if final is not None:
            spanning, slash = final
            if not (edge == "" and position == len(route) - 1 and slash is False):
                raise _Unsupported
            # Reached when the suffix was a slash, which left this empty piece.
            final = (spanning, True)
        elif isinstance(edge, str):
            statics.append((position, edge))
        else:
            test = _test(position, edge)
            if edge.final:
                final = (test, False if edge.suffixed else None)
            else:
                tests.append(test)
    rules = tuple(
        _Candidate(rule, id(rule) in redirected, _conversions(rule))
        for rule in node.rules
    )
    stop = _Stop(rules, slash_rules, _reach(tuple(tests), final))
    if final is None:
        return stop, statics, len(route), False
    return stop, statics, final[0][0], True


def _reach(tests: tuple[_Test, ...], final: tuple[_Test, bool | None] | None) -> _Reach:
    """The function telling whether pieces reach a stop, and its values.

    Literal-only stops and stops with one converter in one piece, most of
    an app's, get a function of their own, with nothing to loop over.
    """
    if final is None and not tests:
        return _literal
    if final is None and len(tests) == 1 and len(tests[0][2]) == 1:
        (position, test, (name,)), = tests

        def one_converter(pieces: list[str]) -> t.Sequence[str] | None:
            found = test(pieces[position])
            return None if found is None else (found[name],)

        return one_converter

    def reach(pieces: list[str]) -> t.Sequence[str] | None:
        values: list[str] = []
        for position, test, names in tests:
            found = test(pieces[position])
            if found is None:
                return None
            values.extend(found[name] for name in names)
        if final is not None:
            (position, test, names), slash = final
            found = test("/".join(pieces[position:]))
            if found is None:
                return None
            if slash is not None and (found.groups()[-1] == "/") is not slash:
                return None
            values.extend(found[name] for name in names)
        return values

    return reach


def _literal(pieces: list[str]) -> t.Sequence[str]:
    return ()


def _conversions(rule: Rule) -> tuple[tuple[str, t.Callable[[str], t.Any] | None], ...]:
    """How each of ``rule``'s arguments is converted (:class:`_Candidate`)."""
    return tuple(
        (str(name), _conversion(converter))
        for name, converter in rule._converters.items()
    )


def _conversion(converter: BaseConverter) -> t.Callable[[str], t.Any] | None:
    """``None`` for the piece as it is, ``int``, or the converter's ``to_python``."""
    to_python = type(converter).to_python
    if "to_python" in vars(converter):
        return converter.to_python
    if to_python is BaseConverter.to_python:
        return None
    if (
        type(converter) is IntegerConverter
        and to_python is NumberConverter.to_python
        and converter.num_convert is int
        and not converter.fixed_digits
        and converter.min is None
        and converter.max is None
    ):
        # What NumberConverter.to_python comes to: int(), a ValueError
        # refusing the piece.
        return int
    return converter.to_python


def _test(position: int, part: RulePart) -> _Test:
    """Match a dynamic part as Werkzeug does: its pattern from the piece's start."""
    pattern = re.compile(part.content)
    names = sorted(
        (name for name in pattern.groupindex if name.startswith("__werkzeug_")),
        key=lambda name: int(name[11:]),
    )
    if not names:
        raise _Unsupported
    return position, pattern.match, tuple(names)


def _reader(positions: tuple[int, ...]) -> _Key:
    """A function reading the pieces at ``positions``."""
    if not positions:
        return _nothing
    return itemgetter(*positions)


def _nothing(pieces: list[str]) -> tuple[()]:
    return ()


def _redirected_to(url_map: Map) -> set[int]:
    """Ids of the rules an earlier rule of their endpoint may redirect to.

    With ``redirect_defaults``, ``MapAdapter.match`` redirects a match to
    an earlier rule of the same endpoint that has defaults for it; only a
    rule with defaults can.
    """
    redirected: set[int] = set()
    for rules in url_map._rules_by_endpoint.values():
        earlier_defaults = False
        for rule in rules:
            if earlier_defaults:
                redirected.add(id(rule))
            earlier_defaults = earlier_defaults or bool(rule.defaults)
    return redirected
