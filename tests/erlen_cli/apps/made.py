"""An app whose factory is called make_app."""

from __future__ import annotations

import click

from erlen import Erlen


def make_app() -> Erlen:
    app = Erlen("made_by_make_app")

    @app.cli.command()
    def name() -> None:
        click.echo(app.name)

    return app
