"""Speedup: the page of an HTTP error built directly, a stock one formatted once.

General path replaced: :func:`erlen.error_pages.error_response`, that is
``response_class.force_type(error.get_response(environ), environ)``.

Werkzeug formats the HTML page of an error each time it is raised, then the
app used to run the exception as a WSGI app and read its output back into a
response. The page of an error whose class adds nothing to Werkzeug's
(``NotFound``, ``BadRequest``, ...) is its HTML body alone, so the response
is built from it directly; the page of a stock error (with its class's own
description) never changes, so it is formatted once per kind.

A ``MethodNotAllowed`` (405, the answer to a method a route does not
take) is built the same way, with its ``Allow`` header placed where
Werkzeug's ``get_headers`` puts it.

Internals used: ``Headers._list``, to place ``Allow``. It relies on
:meth:`~werkzeug.exceptions.HTTPException.get_body` depending on the
error's class, code and description alone for a class that overrides none
of the methods :func:`_is_plain` checks, and on
``MethodNotAllowed.get_headers`` adding ``Allow`` after the type.
"""

from __future__ import annotations

import typing as t

from werkzeug.exceptions import HTTPException
from werkzeug.exceptions import MethodNotAllowed

from ..wrappers import Response
from .responses import Response as ShortcutResponse

if t.TYPE_CHECKING:
    from _typeshed.wsgi import WSGIEnvironment

_HTML = "text/html; charset=utf-8"

#: Pages of stock errors, by class and code; as many as there are classes.
_pages: dict[tuple[type[HTTPException], int | None], str] = {}


def error_response(
    error: HTTPException, response_class: type[Response], environ: WSGIEnvironment
) -> Response:
    """The response Werkzeug would send for ``error``, as ``response_class``."""
    cls = type(error)
    allowing = cls.get_headers is MethodNotAllowed.get_headers
    if _is_plain(error, response_class, allowing):
        if error.description == cls.description:
            key = (type(error), error.code)
            page = _pages.get(key)
            if page is None:
                page = _pages[key] = error.get_body(environ)
        else:
            # A description of its own (``abort(400, "...")``, a JSON body
            # that does not parse): the page is formatted for this error.
            page = error.get_body(environ)
        response = response_class(page, error.code, content_type=_HTML)
        if allowing:
            valid_methods = t.cast(MethodNotAllowed, error).valid_methods
            if valid_methods:
                # Where Werkzeug's headers put it: after the type, before
                # the length its response adds.
                allow = ("Allow", ", ".join(valid_methods))
                response.headers._list.insert(1, allow)
        return response
    return response_class.force_type(error.get_response(environ), environ)  # type: ignore[return-value]


def _is_plain(
    error: HTTPException, response_class: type[Response], allowing: bool
) -> bool:
    """Whether ``error``'s page is its body alone, as HTML, with no headers
    but, for a ``MethodNotAllowed`` (``allowing``), its ``Allow`` header.

    The classes come first: an exception whose class writes its own
    response need not have called ``HTTPException.__init__``, so it may
    lack the attributes read after them. One that lacks ``response`` all
    the same goes to Werkzeug, which then fails as it would in Flask.
    """
    cls = type(error)
    return (
        cls.get_response is HTTPException.get_response
        and cls.get_body is HTTPException.get_body
        and cls.get_description is HTTPException.get_description
        and (allowing or cls.get_headers is HTTPException.get_headers)
        and response_class.__init__ is ShortcutResponse.__init__
        and issubclass(response_class, ShortcutResponse)
        and response_class._builds_plainly
        and response_class.automatically_set_content_length
        and getattr(error, "response", _MISSING) is None
        and error.code is not None
    )


#: What :func:`_is_plain` reads for an exception without a ``response``.
_MISSING: t.Any = object()
