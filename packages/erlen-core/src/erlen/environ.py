"""Building request environs that match the application's configuration."""

from __future__ import annotations

import typing as t
from urllib.parse import urlsplit

if t.TYPE_CHECKING:
    from .sansio.app import App


def app_base_url(
    app: App,
    path: str = "/",
    subdomain: str | None = None,
    url_scheme: str | None = None,
) -> tuple[str, str]:
    """Return ``(base_url, path)`` for a request made to ``app`` in a test.

    The host comes from ``SERVER_NAME`` (``localhost`` when unset), the
    prefix from ``APPLICATION_ROOT`` and the scheme from
    ``PREFERRED_URL_SCHEME``; a full URL in ``path`` overrides scheme and
    host. A query string in ``path`` is kept on the returned path.
    """
    host = app.config["SERVER_NAME"] or "localhost"
    if subdomain:
        host = f"{subdomain}.{host}"
    scheme = url_scheme or app.config["PREFERRED_URL_SCHEME"]
    url = urlsplit(path)
    root = app.config["APPLICATION_ROOT"].lstrip("/")
    base_url = f"{url.scheme or scheme}://{url.netloc or host}/{root}"
    path = url.path
    if url.query:
        path = f"{path}?{url.query}"
    return base_url, path
