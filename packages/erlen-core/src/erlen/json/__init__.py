"""JSON helpers that follow the current app's configuration.

Inside an application context each function delegates to ``current_app.json``
(a :class:`~erlen.json.provider.JSONProvider`), so code written against this
module honours whatever provider and options the app chose. Outside one they
fall back to the standard library, still understanding the extra types of
:meth:`~erlen.json.provider.DefaultJSONProvider.default`, so the helpers stay
usable in scripts and at import time.
"""

from __future__ import annotations

import json as _json
import typing as t

from erlen_contexts import app_ctx_var
from erlen_contexts import current_app

from .provider import DefaultJSONProvider

if t.TYPE_CHECKING:
    from werkzeug.wrappers import Response

    from ..app import Erlen
    from .provider import JSONProvider


def current_provider() -> JSONProvider | None:
    """The current app's JSON provider, or ``None`` outside an app context.

    What ``current_app.json`` gives inside a context, without raising
    outside one, and at a fraction of the proxy's cost: code that
    serializes on every request, such as the session cookie, asks here.

    .. versionadded:: 0.1.0
    """
    ctx = app_ctx_var.get(None)
    if ctx is None:
        return None
    # The contexts only know the app as a ContextHost; the JSON provider
    # belongs to the full application class.
    app: Erlen = ctx.app  # type: ignore[assignment]
    return app.json


def dumps(obj: t.Any, **kwargs: t.Any) -> str:
    """Serialise ``obj`` to a JSON string.

    Uses ``current_app.json.dumps`` when an app context is active, else
    :func:`json.dumps` with the default provider's extra types.

    :param obj: The value to serialise.
    :param kwargs: Passed on to the provider or to :func:`json.dumps`.

    .. versionadded:: 0.1.0
    """
    provider = current_provider()
    if provider is not None:
        return provider.dumps(obj, **kwargs)
    kwargs.setdefault("default", DefaultJSONProvider.default)
    return _json.dumps(obj, **kwargs)


def dump(obj: t.Any, fp: t.IO[str], **kwargs: t.Any) -> None:
    """Serialise ``obj`` as JSON and write it to the text file ``fp``.

    Uses ``current_app.json.dump`` when an app context is active, else
    :func:`json.dump` with the default provider's extra types.

    :param obj: The value to serialise.
    :param fp: A file opened for writing text.
    :param kwargs: Passed on to the provider or to :func:`json.dump`.

    .. versionadded:: 0.1.0
    """
    provider = current_provider()
    if provider is not None:
        provider.dump(obj, fp, **kwargs)
        return
    kwargs.setdefault("default", DefaultJSONProvider.default)
    _json.dump(obj, fp, **kwargs)


def loads(s: str | bytes, **kwargs: t.Any) -> t.Any:
    """Parse the JSON document ``s``.

    Uses ``current_app.json.loads`` when an app context is active, else
    :func:`json.loads`.

    :param s: The document, as text or bytes.
    :param kwargs: Passed on to the provider or to :func:`json.loads`.

    .. versionadded:: 0.1.0
    """
    provider = current_provider()
    if provider is not None:
        return provider.loads(s, **kwargs)
    return _json.loads(s, **kwargs)


def load(fp: t.IO[t.AnyStr], **kwargs: t.Any) -> t.Any:
    """Read ``fp`` to the end and parse it as a JSON document.

    Uses ``current_app.json.load`` when an app context is active, else
    :func:`json.load`.

    :param fp: A file opened for reading, in text or binary mode.
    :param kwargs: Passed on to the provider or to :func:`json.load`.

    .. versionadded:: 0.1.0
    """
    provider = current_provider()
    if provider is not None:
        return provider.load(fp, **kwargs)
    return _json.load(fp, **kwargs)


def jsonify(*args: t.Any, **kwargs: t.Any) -> Response:
    """Serialise the arguments into a JSON response for a view to return.

    One argument is sent as itself, several as a list, keyword arguments as
    an object, and no arguments as ``null``; positional and keyword arguments
    cannot be mixed. The work is done by ``current_app.json.response``, so
    the app's provider decides formatting and mimetype.

    A view can also return a dict or list directly, which Erlen turns into
    the same response; ``jsonify`` is for other values and for building the
    response before returning it.

    :param args: One value to send as itself, or several to send as a list.
    :param kwargs: Items to send as an object.
    :raises TypeError: If both positional and keyword arguments are given.
    :raises RuntimeError: If no application context is active.

    .. versionadded:: 0.1.0
    """
    return t.cast("Erlen", current_app).json.response(*args, **kwargs)
