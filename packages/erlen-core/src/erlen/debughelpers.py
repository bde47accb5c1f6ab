"""Errors that explain a mistake, raised in debug mode."""

from __future__ import annotations

import typing as t

if t.TYPE_CHECKING:
    from .wrappers import Request


class FormDataRoutingRedirect(AssertionError):
    """A request with a body was redirected to add a trailing slash.

    Browsers resend a redirected POST as a GET without its body, so the
    form data would be lost. Raised only in debug mode, to show the fix.
    """

    def __init__(self, request: Request) -> None:
        exc = request.routing_exception
        new_url = getattr(exc, "new_url", "?")
        super().__init__(
            f"A request was sent to '{request.url}', but routing issued a"
            f" redirect to the canonical URL '{new_url}'. The URL was defined"
            " with a trailing slash, and the browser will resend the request"
            " as GET without its form data. Send the request to the URL with"
            " the trailing slash, or define the route without it. Outside"
            " debug mode this is a plain redirect."
        )
