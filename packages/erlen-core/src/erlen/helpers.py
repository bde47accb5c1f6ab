"""Helpers views call: build URLs, abort, redirect, make responses, send files."""

from __future__ import annotations

import os
import typing as t
from urllib.parse import unquote
from urllib.parse import urlsplit

import werkzeug.utils
from werkzeug.exceptions import abort as _werkzeug_abort

from erlen_contexts import app_ctx_var
from erlen_contexts import current_app
from erlen_contexts import request_ctx_var

if t.TYPE_CHECKING:
    from _typeshed.wsgi import WSGIEnvironment
    from werkzeug.wrappers import Response as BaseResponse

    from .typing import ResponseReturnValue
    from .wrappers import Response


def url_for(
    endpoint: str,
    *,
    _anchor: str | None = None,
    _method: str | None = None,
    _scheme: str | None = None,
    _external: bool | None = None,
    **values: t.Any,
) -> str:
    """Build the URL of ``endpoint`` with the current application.

    See :meth:`erlen.Erlen.url_for` for the arguments.
    """
    return current_app.url_for(  # type: ignore[attr-defined, no-any-return]
        endpoint,
        _anchor=_anchor,
        _method=_method,
        _scheme=_scheme,
        _external=_external,
        **values,
    )


def redirect(
    location: str, code: int = 302, Response: type[BaseResponse] | None = None
) -> BaseResponse:
    """Return a response redirecting to ``location``.

    Inside an app context, the app's :meth:`~erlen.Erlen.redirect` builds it,
    so an app can change how redirects are made.
    """
    ctx = app_ctx_var.get(None)
    if ctx is not None:
        return ctx.app.redirect(location, code=code)  # type: ignore[attr-defined, no-any-return]
    return werkzeug.utils.redirect(location, code=code, Response=Response)


def abort(code: int | BaseResponse, *args: t.Any, **kwargs: t.Any) -> t.NoReturn:
    """Stop the request with the HTTP error ``code`` (or a ready response).

    Inside an app context the app's ``aborter`` raises it, so custom error
    codes registered on it work.
    """
    ctx = app_ctx_var.get(None)
    if ctx is not None:
        ctx.app.aborter(code, *args, **kwargs)  # type: ignore[attr-defined]
    _werkzeug_abort(code, *args, **kwargs)


def make_response(*args: t.Any) -> Response:
    """Turn a view's return value into a response, to change it before returning.

    With no arguments, returns an empty response; with one, converts it;
    with several, converts them as the tuple a view may return.
    """
    if not args:
        return current_app.response_class()  # type: ignore[attr-defined, no-any-return]
    value: ResponseReturnValue = args[0] if len(args) == 1 else args
    return current_app.make_response(value)  # type: ignore[attr-defined, no-any-return]


def _send_context(options: dict[str, t.Any]) -> WSGIEnvironment:
    """Fill ``options`` with the app's file-sending defaults; return the environ."""
    ctx = request_ctx_var.get(None)
    if ctx is None:
        raise RuntimeError(
            "send_file and send_from_directory need an active request, to"
            " answer conditional and range requests. Call them in a view."
        )
    app = ctx.app
    if options.get("max_age") is None:
        options["max_age"] = app.get_send_file_max_age  # type: ignore[attr-defined]
    options.setdefault("use_x_sendfile", app.config["USE_X_SENDFILE"])  # type: ignore[attr-defined]
    options.setdefault("response_class", app.response_class)  # type: ignore[attr-defined]
    options.setdefault("_root_path", app.root_path)  # type: ignore[attr-defined]
    return ctx.request.environ


def send_file(
    path_or_file: os.PathLike[str] | str | t.BinaryIO,
    mimetype: str | None = None,
    as_attachment: bool = False,
    download_name: str | None = None,
    conditional: bool = True,
    etag: bool | str = True,
    last_modified: t.Any = None,
    max_age: None | int | t.Callable[[str | None], int | None] = None,
) -> Response:
    """Send a file's contents, with caching and range support.

    Relative paths are relative to the app's ``root_path``. Never pass a
    path taken from the user: use :func:`send_from_directory` for that.
    ``max_age`` defaults to the app's :meth:`~erlen.Erlen.get_send_file_max_age`.
    """
    options: dict[str, t.Any] = {"max_age": max_age}
    environ = _send_context(options)
    return werkzeug.utils.send_file(  # type: ignore[return-value]
        path_or_file,
        environ,
        mimetype=mimetype,
        as_attachment=as_attachment,
        download_name=download_name,
        conditional=conditional,
        etag=etag,
        last_modified=last_modified,
        **options,
    )


def send_from_directory(
    directory: os.PathLike[str] | str,
    path: os.PathLike[str] | str,
    **kwargs: t.Any,
) -> Response:
    """Send ``path`` from inside ``directory``, refusing to leave it.

    ``path`` may come from the URL: a path that escapes ``directory`` (with
    ``..`` or an absolute path) or names no file answers 404. Other keyword
    arguments are those of :func:`send_file`.
    """
    environ = _send_context(kwargs)
    return werkzeug.utils.send_from_directory(  # type: ignore[return-value]
        directory, path, environ, **kwargs
    )


#: Schemes a redirect may name; any other (``javascript:``, ``data:``) is refused.
_REDIRECT_SCHEMES = frozenset(("http", "https"))


def is_safe_redirect_url(
    url: str, allowed_hosts: t.Iterable[str] | None = None
) -> bool:
    """Whether redirecting to ``url`` keeps the user on a host the app trusts.

    For the ``next`` parameter of a login view, the usual open redirect:
    ``redirect(target if is_safe_redirect_url(target) else url_for("index"))``.

    A relative URL (``/account``, ``page?x=1``) is safe. An absolute one is
    safe when it is ``http`` or ``https`` and its host is the current
    request's host, a name in ``SAFE_REDIRECT_HOSTS``, or a name in
    ``allowed_hosts``; a name with a port (``example.com:8443``) matches
    that port only. Anything a browser could read as another host is not:
    ``//evil.com``, ``/\\evil.com``, ``https:evil.com``, other schemes
    (``javascript:``), control characters or spaces anywhere (browsers drop
    some, ``/%09/evil.com`` once decoded), and look-alikes that Unicode
    normalization turns into a dot or a slash (``evil。com``). The URL is
    judged as sent, percent-decoded, and NFKC-normalized; all must pass.

    :param allowed_hosts: hosts accepted besides those above.
    """
    if not isinstance(url, str) or not url:
        return False
    hosts = _redirect_hosts(allowed_hosts)
    return all(_is_local_or_allowed(form, hosts) for form in _url_forms(url))


def _redirect_hosts(extra: t.Iterable[str] | None) -> set[str]:
    """The hosts redirects may go to: the request's, configured, and ``extra``."""
    hosts: set[str] = set()
    ctx = request_ctx_var.get(None)
    if ctx is not None:
        hosts.add(ctx.request.host.lower())
    app_ctx = app_ctx_var.get(None)
    if app_ctx is not None:
        hosts.update(app_ctx.app.config["SAFE_REDIRECT_HOSTS"] or ())  # type: ignore[attr-defined]
    hosts.update(extra or ())
    return {host.lower() for host in hosts}


def _url_forms(url: str) -> list[str]:
    """``url`` as sent, then as each decoding a browser or proxy might apply."""
    # Imported on first use: most apps never check a redirect target.
    import unicodedata

    forms = [url]
    decoded = url
    # Twice covers an escape escaped once more (%2509); more is not browser work.
    for _ in range(2):
        decoded = unquote(decoded)
        forms.append(decoded)
    forms.extend(unicodedata.normalize("NFKC", form) for form in list(forms))
    return forms


def _is_local_or_allowed(url: str, hosts: set[str]) -> bool:
    """Whether one form of a redirect target stays on ``hosts``."""
    # Browsers strip or skip control characters and whitespace, and read a
    # backslash as a slash: none belongs in a URL worth redirecting to.
    if "\\" in url or any(ord(char) <= 0x20 or char == "\x7f" for char in url):
        return False
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return False
    if not parts.scheme and not parts.netloc:
        # A relative URL, unless it begins as a protocol-relative one would.
        return not url.startswith("//")
    if parts.scheme.lower() not in _REDIRECT_SCHEMES or not parts.hostname:
        return False
    if parts.username is not None or parts.password is not None:
        return False
    host = parts.hostname.lower()
    return host in hosts or (port is not None and f"{host}:{port}" in hosts)
