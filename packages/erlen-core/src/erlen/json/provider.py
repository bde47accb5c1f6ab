"""How an application turns Python values into JSON and back.

Every JSON operation of an app (``jsonify``, :attr:`Request.get_json`, the
module functions in :mod:`erlen.json`) goes through ``app.json``, an instance
of a :class:`JSONProvider`. Swapping that one object, or changing its
attributes, changes JSON handling everywhere at once, which is how an app
plugs in orjson or relaxes sorting without patching each call.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import sys
import typing as t
import weakref
from datetime import date

from werkzeug.http import http_date

from .. import speedups

if t.TYPE_CHECKING:
    from werkzeug.wrappers import Response

    from ..app import Erlen


class JSONProvider:
    """The interface an app's JSON handling is written against.

    Subclass it and implement :meth:`dumps` and :meth:`loads` to serve JSON
    with another library; :meth:`dump`, :meth:`load` and :meth:`response`
    are built on those two, so a subclass gets them for free.

    The app is held through a weak proxy: the app owns its provider, and a
    strong reference back would keep both alive in a cycle only the garbage
    collector could break.

    :param app: The application this provider serves.

    .. versionadded:: 0.1.0
    """

    def __init__(self, app: Erlen) -> None:
        # The proxy behaves as the app; typeshed types it as a proxy type.
        self._app = t.cast("Erlen", weakref.proxy(app))

    def dumps(self, obj: t.Any, **kwargs: t.Any) -> str:
        """Serialise ``obj`` to a JSON string.

        :param obj: The value to serialise.
        :param kwargs: Options for the underlying JSON library.
        """
        raise NotImplementedError

    def dump(self, obj: t.Any, fp: t.IO[str], **kwargs: t.Any) -> None:
        """Serialise ``obj`` as JSON and write it to the text file ``fp``.

        :param obj: The value to serialise.
        :param fp: A file opened for writing text.
        :param kwargs: Passed on to :meth:`dumps`.
        """
        fp.write(self.dumps(obj, **kwargs))

    def loads(self, s: str | bytes, **kwargs: t.Any) -> t.Any:
        """Parse the JSON document ``s`` into Python values.

        :param s: The document, as text or as UTF-8 (or -16, -32) bytes.
        :param kwargs: Options for the underlying JSON library.
        """
        raise NotImplementedError

    def load(self, fp: t.IO[t.AnyStr], **kwargs: t.Any) -> t.Any:
        """Read ``fp`` to the end and parse it as a JSON document.

        :param fp: A file opened for reading, in text or binary mode.
        :param kwargs: Passed on to :meth:`loads`.
        """
        return self.loads(fp.read(), **kwargs)

    def _prepare_response_obj(
        self, args: tuple[t.Any, ...], kwargs: dict[str, t.Any]
    ) -> t.Any:
        """Pick the value that ``jsonify(*args, **kwargs)`` serialises.

        The call is read the way a reader would guess: one value is sent as
        itself, several as a list, keyword arguments as an object and nothing
        at all as ``null``. Mixing positional and keyword arguments has no
        obvious meaning, so it is refused rather than guessed at.
        """
        if args and kwargs:
            raise TypeError(
                "jsonify() and app.json.response() take args or kwargs: either"
                " positional or keyword arguments, not both. Pass one dict to"
                " send an object, or one list to send an array."
            )
        if kwargs:
            return kwargs
        if not args:
            return None
        if len(args) == 1:
            return args[0]
        return list(args)

    def response(self, *args: t.Any, **kwargs: t.Any) -> Response:
        """Serialise the arguments into an ``application/json`` response.

        The arguments follow :func:`erlen.json.jsonify`. The body ends with a
        newline so that ``curl`` output and concatenated logs stay readable.

        :param args: One value to send as itself, or several to send as a list.
        :param kwargs: Items to send as an object.
        """
        obj = self._prepare_response_obj(args, kwargs)
        return self._app.response_class(
            f"{self.dumps(obj)}\n", mimetype="application/json"
        )


class DefaultJSONProvider(JSONProvider):
    """JSON through the standard library, with a few extra types understood.

    Besides what :mod:`json` handles, :meth:`default` serialises dates,
    decimals, UUIDs, dataclasses and objects with an ``__html__`` method.
    Change behaviour app-wide by setting the attributes on ``app.json``
    (``app.json.sort_keys = False``) or on a subclass.

    .. versionadded:: 0.1.0
    """

    #: Escape every non-ASCII character as ``\\uXXXX``. Safe to embed in any
    #: encoding; set to ``False`` for smaller bodies in UTF-8.
    ensure_ascii: bool = True

    #: Sort the keys of objects. Makes output deterministic, which keeps HTTP
    #: caches and response-comparing tests stable, at a small cost in speed.
    sort_keys: bool = True

    #: Whether :meth:`response` omits whitespace. ``None`` means compact
    #: unless the app is in debug mode, where readable output helps more
    #: than saved bytes.
    compact: bool | None = None

    #: The mimetype of responses built by :meth:`response`.
    mimetype: str = "application/json"

    @staticmethod
    def default(o: t.Any) -> t.Any:
        """Turn a value :mod:`json` cannot serialise into one it can.

        Dates become HTTP dates, the format the rest of HTTP already uses;
        decimals and UUIDs become strings, so no precision is lost to floats;
        dataclasses become dicts; objects with ``__html__`` (markup) become
        their HTML text.

        :param o: The value the encoder gave up on.
        :raises TypeError: If ``o`` is none of the types above.
        """
        if isinstance(o, date):
            return http_date(o)
        if isinstance(o, _loaded_types("decimal.Decimal", "uuid.UUID")):
            return str(o)
        # is_dataclass is also true of the class itself, which asdict rejects.
        if dataclasses.is_dataclass(o) and not isinstance(o, type):
            return dataclasses.asdict(o)
        if hasattr(o, "__html__"):
            return str(o.__html__())
        raise TypeError(f"Object of type {type(o).__name__} is not JSON serializable")

    def dumps(self, obj: t.Any, **kwargs: t.Any) -> str:
        """Serialise ``obj`` with :func:`json.dumps`.

        The provider's :meth:`default`, :attr:`ensure_ascii` and
        :attr:`sort_keys` apply unless ``kwargs`` overrides them for this call.

        :param obj: The value to serialise.
        :param kwargs: Passed on to :func:`json.dumps`.
        """
        kwargs.setdefault("default", self.default)
        kwargs.setdefault("ensure_ascii", self.ensure_ascii)
        kwargs.setdefault("sort_keys", self.sort_keys)
        if kwargs.keys() <= _ENCODER_OPTIONS:
            try:
                encode = _encoder(**kwargs)
            except TypeError:  # an unhashable option (a list of separators)
                pass
            else:
                return encode(obj)
        return json.dumps(obj, **kwargs)

    def encoder(
        self,
        separators: tuple[str, str] | None = None,
        indent: int | str | None = None,
    ) -> t.Callable[[t.Any], str]:
        """A function that serialises a value as :meth:`dumps` does now.

        ``provider.encoder(separators, indent)(obj)`` is
        ``provider.dumps(obj, separators=separators, indent=indent)`` (an
        option left ``None`` is not passed), with the provider's
        :meth:`default`, :attr:`ensure_ascii` and :attr:`sort_keys` as they
        are at this call. Passing options as keywords costs more than
        encoding a small value, so code that serializes small values on
        every request gets the function here. Ask again after changing the
        provider's options. A subclass that overrides :meth:`dumps` gets a
        function that calls it.

        .. versionadded:: 0.1.0
        """
        if type(self).dumps is not DefaultJSONProvider.dumps:
            options: dict[str, t.Any] = {}
            if separators is not None:
                options["separators"] = separators
            if indent is not None:
                options["indent"] = indent
            return functools.partial(self.dumps, **options)
        return _encoder(
            self.default, self.ensure_ascii, self.sort_keys, separators, indent
        )

    def loads(self, s: str | bytes, **kwargs: t.Any) -> t.Any:
        """Parse ``s`` with :func:`json.loads`.

        :param s: The document, as text or bytes.
        :param kwargs: Passed on to :func:`json.loads`.
        """
        return json.loads(s, **kwargs)

    def response(self, *args: t.Any, **kwargs: t.Any) -> Response:
        """Serialise the arguments into a response with :attr:`mimetype`.

        Output is indented by two spaces when :attr:`compact` is ``False``, or
        when it is ``None`` and the app is in debug mode; otherwise all
        optional whitespace is left out.

        :param args: One value to send as itself, or several to send as a list.
        :param kwargs: Items to send as an object.
        """
        obj = self._prepare_response_obj(args, kwargs)
        indent: int | None
        if self.compact is False or (self.compact is None and self._app.debug):
            # No space after the comma: with indent it would end every line.
            indent, separators = 2, (",", ": ")
        else:
            indent, separators = None, (",", ":")
        # Every dict a view returns comes here: no keyword merging.
        body = self.encoder(separators, indent)(obj)
        return self._app.response_class(f"{body}\n", mimetype=self.mimetype)


#: The options :func:`_encoder` takes; others go to :func:`json.dumps` as given.
_ENCODER_OPTIONS = frozenset(
    {"default", "ensure_ascii", "sort_keys", "separators", "indent"}
)


@functools.lru_cache(maxsize=32)
def _encoder(
    default: t.Callable[[t.Any], t.Any],
    ensure_ascii: bool,
    sort_keys: bool,
    separators: tuple[str, str] | None = None,
    indent: int | str | None = None,
) -> t.Callable[[t.Any], str]:
    """A function that encodes a value as :func:`json.dumps` would with these options.

    ``json.dumps`` builds a new encoder on every call that passes any
    option; an encoder holds no state between calls, so one per set of
    options serves every response. The options are the cache key, so
    changing ``app.json.sort_keys`` at run time still takes effect.
    """
    encoder = json.JSONEncoder(
        default=default,
        ensure_ascii=ensure_ascii,
        sort_keys=sort_keys,
        separators=separators,
        indent=indent,
    )
    if speedups.ENABLED and indent is None:
        from ..speedups.json import one_line_encoder

        return one_line_encoder(encoder)
    return encoder.encode


def _loaded_types(*names: str) -> tuple[type, ...]:
    """The classes among ``module.Class`` ``names`` whose module is imported.

    A value of a class cannot exist before its module is imported, so
    :meth:`DefaultJSONProvider.default` checks only those: importing
    ``uuid`` and ``decimal`` up front would add milliseconds to every cold
    start for apps that never use them.
    """
    found = []
    for name in names:
        module_name, _, class_name = name.partition(".")
        module = sys.modules.get(module_name)
        if module is not None:
            found.append(getattr(module, class_name))
    return tuple(found)
