"""Building test requests the way the application expects to be reached."""

from __future__ import annotations

import typing as t

import werkzeug.test

from erlen.environ import app_base_url

if t.TYPE_CHECKING:
    from erlen import Erlen


class EnvironBuilder(werkzeug.test.EnvironBuilder):
    """A :class:`werkzeug.test.EnvironBuilder` that knows the application.

    Without an explicit ``base_url``, requests go to the host, prefix and
    scheme the app is configured for (``SERVER_NAME``, ``APPLICATION_ROOT``,
    ``PREFERRED_URL_SCHEME``), so ``url_for`` and host matching behave in
    tests as they do when deployed. ``json=`` is serialized with the app's
    JSON provider, so types the app can send can also be posted.

    :param app: the application the request is for.
    :param path: the path requested, optionally with a query string; a full
        URL also sets the scheme and host.
    :param base_url: where the app is mounted; computed from the config
        when not given.
    :param subdomain: prepended to ``SERVER_NAME``.
    :param url_scheme: used instead of ``PREFERRED_URL_SCHEME``.

    The other arguments are Werkzeug's.
    """

    def __init__(
        self,
        app: Erlen,
        path: str = "/",
        base_url: str | None = None,
        subdomain: str | None = None,
        url_scheme: str | None = None,
        *args: t.Any,
        **kwargs: t.Any,
    ) -> None:
        if base_url is not None and (subdomain or url_scheme):
            raise ValueError(
                "'subdomain' and 'url_scheme' cannot be combined with"
                f" 'base_url' ({base_url!r}): they build a base URL, and one was"
                " given. Put the subdomain and scheme into 'base_url', or leave"
                " 'base_url' out to build it from the app's SERVER_NAME,"
                " APPLICATION_ROOT and PREFERRED_URL_SCHEME."
            )
        if base_url is None:
            base_url, path = app_base_url(app, path, subdomain, url_scheme)
        self.app = app
        super().__init__(path, base_url, *args, **kwargs)

    def json_dumps(self, obj: t.Any, **kwargs: t.Any) -> str:
        """Serialize ``json=`` data with the app's JSON provider."""
        return self.app.json.dumps(obj, **kwargs)
