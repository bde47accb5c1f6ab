"""Found without --app: wsgi.py comes before app.py."""

from __future__ import annotations

import click

from erlen import Erlen

app = Erlen("from_wsgi_py")


@app.cli.command()
def name() -> None:
    click.echo(app.name)
