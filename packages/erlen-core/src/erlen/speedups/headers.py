"""Speedup: plain text response headers set on Werkzeug's item list.

General path replaced: :class:`erlen.wrappers.Headers`' ``add``, ``set`` and
``__setitem__``, which check the value and go through Werkzeug's
``Headers.add`` / ``Headers.set`` (a conversion to ``str`` and a regular
expression per value).

Every response gets headers: ``response.headers["X-Frame-Options"] =
"DENY"`` in an ``after_request`` hook went through ``__setitem__``, ``set``
and a regular expression, for a ``str`` without a line break that needs
none of it. Such a value is stored as Werkzeug stores it; any other value,
or keyword parameters, take the general path with its conversions and
errors.

Internals used: ``Headers._list``, the ``(name, value)`` pairs behind
:class:`werkzeug.datastructures.Headers`. Held to the general path by
``tests/erlen_core/test_fast_paths.py`` (``test_response_headers_*``) and
``tests/erlen_core/test_shortcut_equivalence.py``.
"""

from __future__ import annotations

import typing as t

from .. import wrappers
from ..wrappers import _check_name
from ..wrappers import _VALID_NAMES


class Headers(wrappers.Headers):
    """:class:`erlen.wrappers.Headers` with a short way to set a plain text value."""

    # A plain value is a printable ``str`` (not a subclass): Werkzeug would
    # store it unchanged, and it holds no control or line-break character,
    # so the general value check would pass. The test is written out in
    # each method, as a function call would cost a good part of what it
    # saves.

    #: Whether ``headers[key] = value`` may skip ``set``: Werkzeug's item
    #: assignment calls ``set``, so a subclass that overrides it is called.
    _sets_plainly = True

    def __init_subclass__(cls, **kwargs: t.Any) -> None:
        super().__init_subclass__(**kwargs)
        cls._sets_plainly = cls.set is Headers.set

    def add(self, key: str, value: t.Any, /, **kwargs: t.Any) -> None:
        if type(value) is str and not kwargs and value.isprintable():
            if key not in _VALID_NAMES:
                _check_name(key)
            self._list.append((key, value))
        else:
            super().add(key, value, **kwargs)

    def set(self, key: str, value: t.Any, /, **kwargs: t.Any) -> None:
        if type(value) is str and not kwargs and value.isprintable():
            if key not in _VALID_NAMES:
                _check_name(key)
            _set_plain(self._list, key, value)
        else:
            super().set(key, value, **kwargs)

    def __setitem__(self, key: t.Any, value: t.Any) -> None:
        # An int or slice key, a value to convert, or a subclass's own
        # ``set``, goes the general way.
        if (
            type(key) is str
            and type(value) is str
            and value.isprintable()
            and self._sets_plainly
        ):
            if key not in _VALID_NAMES:
                _check_name(key)
            _set_plain(self._list, key, value)
        else:
            super().__setitem__(key, value)


def _set_plain(items: list[tuple[str, str]], key: str, value: str) -> None:
    """Werkzeug's ``set`` on the item list: replace the first, drop the rest.

    The first header with the name (compared lower-cased) takes the new
    name and value in its place; later ones go; with none, it is appended.
    """
    name = key.lower()
    for index, (existing, _) in enumerate(items):
        if existing.lower() == name:
            items[index] = (key, value)
            later = items[index + 1 :]
            if later:
                items[index + 1 :] = [item for item in later if item[0].lower() != name]
            return
    items.append((key, value))
