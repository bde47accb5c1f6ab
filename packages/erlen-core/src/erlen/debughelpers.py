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


class DebugFilesKeyError(KeyError, AssertionError):
    """A file was looked up that the browser could only send as a name.

    A form without ``enctype="multipart/form-data"`` sends each file input
    as its file name, in ``request.form``; ``request.files`` stays empty.
    Raised only in debug mode, instead of a bare :exc:`KeyError`.
    """

    def __init__(self, request: Request, key: str) -> None:
        names = ", ".join(repr(name) for name in request.form.getlist(key))
        self.msg = (
            f"You tried to access the file {key!r} in request.files, but no file"
            " contents were transmitted: the request's mimetype is"
            f" {request.mimetype!r}, not 'multipart/form-data'. The browser sent"
            f" the file names as form fields instead. This was submitted: {names}."
            ' Add enctype="multipart/form-data" to the HTML form to upload the'
            " files. Outside debug mode this is a plain KeyError."
        )

    def __str__(self) -> str:
        return self.msg


def attach_enctype_error_multidict(request: Request) -> None:
    """Make a missing key of ``request.files`` explain a form's missing enctype.

    The files mapping of this request only changes class, so code holding
    it keeps working; a lookup of a name the form sent as text raises
    :exc:`DebugFilesKeyError`.
    """
    files = request.files
    base = type(files)

    class FilesWithEnctypeHint(base):  # type: ignore[valid-type, misc]
        def __getitem__(self, key: str) -> t.Any:
            try:
                return super().__getitem__(key)
            except KeyError as error:
                if key not in request.form:
                    raise
                raise DebugFilesKeyError(request, key).with_traceback(
                    error.__traceback__
                ) from None

    FilesWithEnctypeHint.__name__ = base.__name__
    FilesWithEnctypeHint.__qualname__ = base.__qualname__
    files.__class__ = FilesWithEnctypeHint
