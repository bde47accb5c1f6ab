"""Tagged JSON: JSON that round-trips tuples, bytes, Markup, UUIDs and datetimes.

Session data has to survive a trip through a cookie, and plain JSON would
turn a tuple into a list and refuse bytes outright. The serializer here
wraps each such value in a one-key object whose key is a *tag*, such as
``{" t": [1, 2]}`` for ``(1, 2)``, and unwraps it on the way back. The tags
and their encodings are Flask's, so a session written by a Flask app reads
the same in Erlen, and the other way round:

=========  ==========================================  =====================
tag        Python value                                JSON form
=========  ==========================================  =====================
``" di"``  a one-key dict whose key is itself a tag    ``{key + "__": value}``
``" t"``   :class:`tuple`                              a list
``" b"``   :class:`bytes`                              base64 text
``" m"``   anything with ``__html__`` (Markup)          its HTML text
``" u"``   :class:`uuid.UUID`                          32 hex digits
``" d"``   :class:`datetime.datetime`                  an HTTP date
=========  ==========================================  =====================

Other types can be added by subclassing :class:`JSONTag` and calling
:meth:`TaggedJSONSerializer.register`.

It lives in core, as ``flask.json.tag`` lives in Flask, because every
sessions backend needs a safe way to store Python values (never pickle, so
that a compromised store is not code execution) and a plugin may not import
another plugin. ``import erlen`` does not import it: a backend imports it
when it first stores a session.
"""

from __future__ import annotations

import json as _stdlib_json
import typing as t
from base64 import b64decode
from base64 import b64encode
from datetime import datetime
from uuid import UUID

from werkzeug.http import http_date
from werkzeug.http import parse_date

from . import current_provider
from . import dumps as json_dumps
from .provider import DefaultJSONProvider


class JSONTag:
    """How one type is turned into JSON and back.

    Subclasses set :attr:`key` and implement :meth:`check`,
    :meth:`to_json` and :meth:`to_python`. A tag without a key does not
    mark its output; it only recurses into containers.
    """

    __slots__ = ("serializer",)

    #: The tag's marker, conventionally a space then letters, so that it
    #: rarely collides with keys real data uses.
    key: str = ""

    def __init__(self, serializer: TaggedJSONSerializer) -> None:
        #: The serializer this tag belongs to, to tag nested values with.
        self.serializer = serializer

    def check(self, value: t.Any) -> bool:
        """Whether this tag handles ``value``."""
        raise NotImplementedError

    def to_json(self, value: t.Any) -> t.Any:
        """Turn ``value`` into something JSON can hold, tagging nested values."""
        raise NotImplementedError

    def to_python(self, value: t.Any) -> t.Any:
        """Rebuild the Python value from its JSON form."""
        raise NotImplementedError

    def tag(self, value: t.Any) -> t.Any:
        """Convert ``value`` and wrap it in ``{key: ...}``."""
        return {self.key: self.to_json(value)}


class TagDict(JSONTag):
    """A one-key dict whose key is a tag, which would otherwise be misread.

    The key gets ``__`` appended, so ``{" t": 1}`` is not taken for a tuple.
    """

    __slots__ = ()
    key = " di"

    def check(self, value: t.Any) -> bool:
        return (
            isinstance(value, dict)
            and len(value) == 1
            and next(iter(value)) in self.serializer.tags
        )

    def to_json(self, value: t.Any) -> t.Any:
        ((key, item),) = value.items()
        return {f"{key}__": self.serializer.tag(item)}

    def to_python(self, value: t.Any) -> t.Any:
        ((key, item),) = value.items()
        return {key[:-2]: item}


class PassDict(JSONTag):
    """Any other dict: kept as an object, with its values tagged."""

    __slots__ = ()

    def check(self, value: t.Any) -> bool:
        return isinstance(value, dict)

    def to_json(self, value: t.Any) -> t.Any:
        # Keys stay as they are: JSON object keys are strings anyway.
        return {key: self.serializer.tag(item) for key, item in value.items()}

    tag = to_json


class TagTuple(JSONTag):
    """A tuple, which JSON would otherwise turn into a list."""

    __slots__ = ()
    key = " t"

    def check(self, value: t.Any) -> bool:
        return isinstance(value, tuple)

    def to_json(self, value: t.Any) -> t.Any:
        return [self.serializer.tag(item) for item in value]

    def to_python(self, value: t.Any) -> t.Any:
        return tuple(value)


class PassList(JSONTag):
    """A list: kept as an array, with its items tagged."""

    __slots__ = ()

    def check(self, value: t.Any) -> bool:
        return isinstance(value, list)

    def to_json(self, value: t.Any) -> t.Any:
        return [self.serializer.tag(item) for item in value]

    tag = to_json


class TagBytes(JSONTag):
    """Bytes, as base64 text."""

    __slots__ = ()
    key = " b"

    def check(self, value: t.Any) -> bool:
        return isinstance(value, bytes)

    def to_json(self, value: t.Any) -> t.Any:
        return b64encode(value).decode("ascii")

    def to_python(self, value: t.Any) -> t.Any:
        return b64decode(value)


class TagMarkup(JSONTag):
    """Safe HTML: anything with an ``__html__`` method, read back as ``Markup``.

    Keeping the mark means a message flashed as safe HTML is not escaped
    when a template shows it on the next request.
    """

    __slots__ = ()
    key = " m"

    def check(self, value: t.Any) -> bool:
        return callable(getattr(value, "__html__", None))

    def to_json(self, value: t.Any) -> t.Any:
        return str(value.__html__())

    def to_python(self, value: t.Any) -> t.Any:
        # Imported here: only a session that holds safe HTML needs it.
        from markupsafe import Markup

        return Markup(value)


class TagUUID(JSONTag):
    """A UUID, as its 32 hex digits."""

    __slots__ = ()
    key = " u"

    def check(self, value: t.Any) -> bool:
        return isinstance(value, UUID)

    def to_json(self, value: t.Any) -> t.Any:
        return value.hex

    def to_python(self, value: t.Any) -> t.Any:
        return UUID(value)


class TagDateTime(JSONTag):
    """A datetime, as an HTTP date: whole seconds, read back as aware UTC."""

    __slots__ = ()
    key = " d"

    def check(self, value: t.Any) -> bool:
        return isinstance(value, datetime)

    def to_json(self, value: t.Any) -> t.Any:
        return http_date(value)

    def to_python(self, value: t.Any) -> t.Any:
        parsed = parse_date(value)
        if parsed is None:
            raise ValueError(f"{value!r} is not an HTTP date.")
        return parsed


#: The tags defined here. None of them claims a value of an exact type in
#: :data:`_JSON_SCALARS` (Markup, a str subclass, is not of the exact type).
_BUILT_IN_TAGS = frozenset(
    {TagDict, PassDict, TagTuple, PassList, TagBytes, TagMarkup, TagUUID, TagDateTime}
)
_JSON_SCALARS = frozenset({str, int, float, bool, type(None)})


class TaggedJSONSerializer:
    """Dump values to compact tagged JSON and load them back.

    The JSON itself goes through :mod:`erlen.json`, so inside a request the
    app's JSON provider applies (sorted keys, ASCII output by default),
    which is what makes the output byte-identical to Flask's.
    """

    __slots__ = ("tags", "order", "_untagged_types", "_loaded")

    #: The tags every new serializer starts with. Order matters: the first
    #: tag whose :meth:`~JSONTag.check` accepts a value handles it.
    default_tags: t.ClassVar[list[type[JSONTag]]] = [
        TagDict,
        PassDict,
        TagTuple,
        PassList,
        TagBytes,
        TagMarkup,
        TagUUID,
        TagDateTime,
    ]

    def __init__(self) -> None:
        #: The tags that mark their output, by key.
        self.tags: dict[str, JSONTag] = {}
        #: Every tag, in the order values are checked against them.
        self.order: list[JSONTag] = []
        #: Exact types that no registered tag claims, so they skip the checks.
        self._untagged_types = _JSON_SCALARS
        #: Texts :meth:`loads` has read into a dict of scalars, with that
        #: dict. A browser sends the same session cookie with every request
        #: until the session changes, so the same text comes back again and
        #: again; a copy of the dict is cheaper than parsing and untagging it.
        self._loaded: dict[str | bytes, dict[str, t.Any]] = {}
        for cls in self.default_tags:
            self.register(cls)

    def register(
        self, tag_class: type[JSONTag], force: bool = False, index: int | None = None
    ) -> None:
        """Add a tag for another type.

        :param tag_class: the :class:`JSONTag` subclass to instantiate.
        :param force: replace a tag that already has the same key, instead
            of raising :exc:`KeyError`.
        :param index: where to insert the tag in the checking order; the
            end by default. Put a tag for a subclass before its base's tag.
        """
        tag = tag_class(self)
        # A text read before may stand for something else under the new tag.
        self._loaded.clear()
        if tag_class not in _BUILT_IN_TAGS:
            # Another tag might claim a plain string or number.
            self._untagged_types = frozenset()
        if tag.key:
            if tag.key in self.tags and not force:
                raise KeyError(
                    f"A tag with the key {tag.key!r} is already registered."
                    " Pass force=True to replace it, or choose another key."
                )
            self.tags[tag.key] = tag
        if index is None:
            self.order.append(tag)
        else:
            self.order.insert(index, tag)

    def tag(self, value: t.Any) -> t.Any:
        """Return ``value`` in its tagged JSON-ready form."""
        untagged = self._untagged_types
        if type(value) in untagged:
            return value
        if (
            untagged
            and type(value) is dict
            and not (len(value) == 1 and next(iter(value)) in self.tags)
        ):
            # What the built-in PassDict does, without asking TagDict first.
            tag_item = self.tag
            return {key: tag_item(item) for key, item in value.items()}
        for tag in self.order:
            if tag.check(value):
                return tag.tag(value)
        return value

    def untag(self, value: dict[str, t.Any]) -> t.Any:
        """Rebuild the value a tagged object stands for; other objects pass."""
        if len(value) != 1:
            return value
        key = next(iter(value))
        tag = self.tags.get(key)
        if tag is None:
            return value
        return tag.to_python(value[key])

    def _untag_tree(self, value: t.Any) -> t.Any:
        # Innermost first, so that a tag's to_python sees Python values.
        if isinstance(value, dict):
            return self.untag(
                {key: self._untag_tree(item) for key, item in value.items()}
            )
        if isinstance(value, list):
            return [self._untag_tree(item) for item in value]
        return value

    def dumps(self, value: t.Any) -> str:
        """Tag ``value`` and dump it as compact JSON."""
        tagged = self.tag(value)
        provider = current_provider()
        if isinstance(provider, DefaultJSONProvider):
            # The same text as json.dumps gives below, minus its keywords.
            return provider.encoder(_COMPACT)(tagged)
        return json_dumps(tagged, separators=_COMPACT)

    def loads(self, value: str | bytes) -> t.Any:
        """Load JSON and rebuild every tagged value in it.

        :raise ValueError: the text is not JSON.
        :raise Exception: a tag's value is malformed; which error depends
            on the tag (:exc:`ValueError`, :exc:`TypeError`, ...).
        """
        provider = current_provider()
        if (
            provider is not None
            and type(provider).loads is not DefaultJSONProvider.loads
        ):
            # The app's own parse, which may read the same text differently
            # from one call to the next: nothing is remembered.
            return self._untag_tree(provider.loads(value))
        # What erlen.json.loads does here: the standard library's parse,
        # which depends on nothing but the text.
        known = self._loaded.get(value)
        if known is not None:
            return known.copy()
        loaded = self._untag_tree(_stdlib_json.loads(value))
        if type(loaded) is dict and all(
            type(item) in _JSON_SCALARS for item in loaded.values()
        ):
            # Scalars cannot change, so a shallow copy is a fresh value; a
            # list or dict inside could be changed by the caller it goes to.
            if len(self._loaded) >= _MAX_LOADED:
                self._loaded.clear()
            self._loaded[value] = loaded.copy()
        return loaded


#: JSON without optional whitespace, as session cookies are written.
_COMPACT = (",", ":")

#: How many texts a serializer remembers the data of before it starts afresh.
_MAX_LOADED = 1024
