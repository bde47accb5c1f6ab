"""The request and response objects, Werkzeug's with the app's settings."""

from __future__ import annotations

import typing as t

from werkzeug.exceptions import BadRequest
from werkzeug.exceptions import HTTPException
from werkzeug.wrappers import Request as _WerkzeugRequest
from werkzeug.wrappers import Response as _WerkzeugResponse

from erlen_contexts.globals import _cv_app

from . import json

if t.TYPE_CHECKING:
    from werkzeug.routing import Rule


def _config_value(key: str, default: t.Any) -> t.Any:
    """Read a config key of the current app, or ``default`` outside one."""
    ctx = _cv_app.get(None)
    if ctx is None:
        return default
    return ctx.app.config[key]  # type: ignore[attr-defined]


class Request(_WerkzeugRequest):
    """The request object behind ``erlen.request``.

    It knows the rule it matched and reads its size limits from the app's
    configuration (``MAX_CONTENT_LENGTH``, ``MAX_FORM_MEMORY_SIZE``,
    ``MAX_FORM_PARTS``) unless set on the request itself.
    """

    json_module: t.Any = json

    #: The rule that matched the URL, once matched.
    url_rule: Rule | None = None
    #: The values the rule captured, passed to the view as arguments.
    view_args: dict[str, t.Any] | None = None
    #: The error matching raised (404, 405, a redirect), raised at dispatch.
    routing_exception: HTTPException | None = None

    _max_content_length: int | None = None
    _max_form_memory_size: int | None = None
    _max_form_parts: int | None = None

    @property
    def max_content_length(self) -> int | None:  # type: ignore[override]
        """Largest body accepted, or ``None``; ``MAX_CONTENT_LENGTH`` by default.

        A larger body is refused with 413 when the view reads it.
        """
        if self._max_content_length is not None:
            return self._max_content_length
        return _config_value("MAX_CONTENT_LENGTH", super().max_content_length)  # type: ignore[no-any-return]

    @max_content_length.setter
    def max_content_length(self, value: int | None) -> None:
        self._max_content_length = value

    @property
    def max_form_memory_size(self) -> int | None:  # type: ignore[override]
        """Largest non-file form field; ``MAX_FORM_MEMORY_SIZE`` by default."""
        if self._max_form_memory_size is not None:
            return self._max_form_memory_size
        return _config_value("MAX_FORM_MEMORY_SIZE", super().max_form_memory_size)  # type: ignore[no-any-return]

    @max_form_memory_size.setter
    def max_form_memory_size(self, value: int | None) -> None:
        self._max_form_memory_size = value

    @property
    def max_form_parts(self) -> int | None:  # type: ignore[override]
        """Most multipart form parts; ``MAX_FORM_PARTS`` by default."""
        if self._max_form_parts is not None:
            return self._max_form_parts
        return _config_value("MAX_FORM_PARTS", super().max_form_parts)  # type: ignore[no-any-return]

    @max_form_parts.setter
    def max_form_parts(self, value: int | None) -> None:
        self._max_form_parts = value

    @property
    def endpoint(self) -> str | None:
        """The endpoint of the matched rule, or ``None`` when nothing matched."""
        return self.url_rule.endpoint if self.url_rule is not None else None

    @property
    def blueprint(self) -> str | None:
        """The dotted name of the blueprint that owns the matched endpoint."""
        endpoint = self.endpoint
        if endpoint is not None and "." in endpoint:
            return endpoint.rpartition(".")[0]
        return None

    @property
    def blueprints(self) -> list[str]:
        """The blueprint and its parents, innermost first: ``["a.b", "a"]``."""
        name = self.blueprint
        if name is None:
            return []
        parts = name.split(".")
        return [".".join(parts[:i]) for i in range(len(parts), 0, -1)]

    def on_json_loading_failed(self, e: ValueError | None) -> t.Any:
        """Turn a body that is not valid JSON into 400 Bad Request.

        Werkzeug already answers 415 for a body that is not marked as JSON.
        In debug mode the parser's message is kept, to help find the fault.
        """
        try:
            return super().on_json_loading_failed(e)
        except BadRequest as error:
            ctx = _cv_app.get(None)
            if ctx is not None and ctx.app.debug:  # type: ignore[attr-defined]
                raise
            raise BadRequest() from error


class Response(_WerkzeugResponse):
    """The response object views return, with ``text/html`` as the default type.

    ``MAX_COOKIE_SIZE`` from the app's configuration sets the size past which
    Werkzeug warns about a cookie.
    """

    default_mimetype: str | None = "text/html"
    json_module = json
    autocorrect_location_header = False

    @property
    def max_cookie_size(self) -> int:  # type: ignore[override]
        """``MAX_COOKIE_SIZE`` of the current app, else Werkzeug's default."""
        return _config_value("MAX_COOKIE_SIZE", super().max_cookie_size)  # type: ignore[no-any-return]
