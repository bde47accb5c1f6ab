"""Found without --app, as app.py in the working directory."""

from __future__ import annotations

import click

from erlen import Erlen

app = Erlen("from_app_py")


@app.cli.command()
def name() -> None:
    click.echo(app.name)
