"""Werkzeug's ``LocalProxy``, reaching the proxied object's attributes sooner.

Werkzeug's proxy forwards an attribute it does not define itself through
``__getattr__``, which Python calls only after the ordinary lookup on the
proxy has failed. Before Python 3.12 that failure builds an
``AttributeError`` with a formatted message, so every ``g.user`` or
``request.form`` paid for an exception nobody saw: about three quarters of
the access. The class here looks at the name first and goes straight to the
proxied object when the proxy class does not define it.
"""

from __future__ import annotations

import typing as t
from contextvars import ContextVar

from werkzeug.local import LocalProxy as _WerkzeugLocalProxy

#: The error the proxied object raised for a name, kept for the
#: ``__getattr__`` call Python makes right after ``__getattribute__`` fails,
#: so the object's lookup runs once, as through Werkzeug's proxy.
_failure: ContextVar[tuple[str, AttributeError] | None] = ContextVar(
    "erlen_contexts.proxy_failure", default=None
)


class LocalProxy(_WerkzeugLocalProxy[t.Any]):
    # No docstring of its own: a proxy's ``__doc__`` is the proxied object's,
    # and the class's is Werkzeug's. The class keeps Werkzeug's name because
    # an unbound proxy's repr shows it: ``<LocalProxy unbound>``.
    __doc__ = vars(_WerkzeugLocalProxy)["__doc__"]
    __slots__ = ()

    def __getattribute__(self, name: str) -> t.Any:
        if name not in _PROXY_NAMES:
            # Werkzeug's proxy would fail its own lookup, then do this.
            target = object.__getattribute__(self, "_get_current_object")()
            try:
                return getattr(target, name)
            except AttributeError as error:
                _failure.set((name, error))
                raise
        if name in _SHADOWED:
            # Defined by this class too (its methods, ``__module__``...):
            # answer what Werkzeug's class answers for it.
            return _werkzeug_attribute(self, name)
        return object.__getattribute__(self, name)

    def __getattr__(self, name: str) -> t.Any:
        # Python calls this after ``__getattribute__`` raised AttributeError.
        failure = _failure.get()
        if failure is not None and failure[0] == name:
            _failure.set(None)
            raise failure[1]
        # A name the proxy class defines failed (say, an unset slot): fall
        # back to Werkzeug's ``__getattr__``, as Python would.
        return _werkzeug_attribute(self, "__getattr__")(name)


def _class_attributes(cls: type) -> dict[str, t.Any]:
    """Every attribute of ``cls`` and its bases, as instance lookup finds them."""
    found: dict[str, t.Any] = {}
    for klass in reversed(cls.__mro__):
        found.update(vars(klass))
    return found


_WERKZEUG_ATTRIBUTES = _class_attributes(_WerkzeugLocalProxy)
#: The names Werkzeug's proxy answers itself; any other is the proxied object's.
_PROXY_NAMES = frozenset(_WERKZEUG_ATTRIBUTES)
#: Those this class defines again, answered as Werkzeug's class does.
_SHADOWED = {
    name: _WERKZEUG_ATTRIBUTES[name]
    for name in vars(LocalProxy)
    if name in _PROXY_NAMES
}


def _werkzeug_attribute(proxy: LocalProxy, name: str) -> t.Any:
    """What ``getattr(proxy, name)`` gives on Werkzeug's class, for a class attribute.

    A proxy has no instance dictionary (slots only), so instance lookup is
    the class attribute, bound through its ``__get__`` when it has one.
    """
    attribute = _SHADOWED[name]
    bind = getattr(type(attribute), "__get__", None)
    if bind is None:
        return attribute
    return bind(attribute, proxy, type(proxy))
