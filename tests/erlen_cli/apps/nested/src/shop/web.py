"""Inside a package, loaded by file path from elsewhere."""

from __future__ import annotations

import click

from erlen import Erlen

app = Erlen(__name__)


@app.cli.command()
def name() -> None:
    click.echo(app.name)
