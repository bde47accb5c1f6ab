"""An app that calls app.run() at import time, outside a __main__ guard."""

from __future__ import annotations

import click

from erlen import Erlen

app = Erlen(__name__)


@app.cli.command()
def name() -> None:
    click.echo(app.name)


app.run(port=1)
