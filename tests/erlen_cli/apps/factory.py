"""An app made by a factory that takes arguments."""

from __future__ import annotations

import click

from erlen import Erlen


def create_app(greeting: str = "hi", *, shout: bool = False) -> Erlen:
    app = Erlen(__name__)
    text = greeting.upper() if shout else greeting

    @app.cli.command()
    def greet() -> None:
        click.echo(f"greeting={text}")

    return app
