"""Parameter types of ``erlen run``: TLS certificates and path lists."""

from __future__ import annotations

import typing as t

import click
from werkzeug.utils import import_string


class CertParamType(click.ParamType):  # type: ignore[type-arg]
    """A certificate file, ``adhoc``, or the import path of an ``ssl.SSLContext``.

    ``adhoc`` makes Werkzeug generate a throw-away certificate, which needs
    the cryptography library.
    """

    name = "path"

    def __init__(self) -> None:
        self.path_type = click.Path(exists=True, dir_okay=False, resolve_path=True)

    def convert(
        self, value: t.Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> t.Any:
        try:
            import ssl
        except ImportError:
            raise click.BadParameter(
                'Using "--cert" requires Python to be compiled with SSL support.',
                ctx,
                param,
            ) from None

        try:
            return self.path_type(value, param, ctx)
        except click.BadParameter:
            value = click.STRING(value, param, ctx).lower()
            if value == "adhoc":
                return self._adhoc(param, ctx)
            obj = import_string(value, silent=True)
            if isinstance(obj, ssl.SSLContext):
                return obj
            raise

    @staticmethod
    def _adhoc(param: click.Parameter | None, ctx: click.Context | None) -> str:
        try:
            import cryptography  # noqa: F401
        except ImportError:
            raise click.BadParameter(
                "Using ad-hoc certificates requires the cryptography library:"
                " pip install cryptography",
                ctx,
                param,
            ) from None
        return "adhoc"


class SeparatedPathType(click.Path):
    """Several paths in one value, separated by :data:`os.pathsep`.

    Each path is checked as :class:`click.Path` checks one.
    """

    def convert(
        self, value: t.Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> t.Any:
        convert_one = super().convert
        return [
            convert_one(item, param, ctx) for item in self.split_envvar_value(value)
        ]


def validate_key(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    """Check ``--key`` against ``--cert`` and combine them into ``cert``.

    A key belongs with a certificate file; ``adhoc`` and an SSLContext
    carry their own.
    """
    cert = ctx.params.get("cert")
    is_adhoc = cert == "adhoc"
    try:
        import ssl
    except ImportError:
        is_context = False
    else:
        is_context = isinstance(cert, ssl.SSLContext)

    if value is not None:
        if is_adhoc:
            raise click.BadParameter('When "--cert" is "adhoc", "--key" is not used.')
        if is_context:
            raise click.BadParameter(
                'When "--cert" is an SSLContext object, "--key" is not used.'
            )
        if not cert:
            raise click.BadParameter('"--cert" must also be specified.')
        ctx.params["cert"] = cert, value
    elif cert and not (is_adhoc or is_context):
        raise click.BadParameter('Required when using "--cert".')
