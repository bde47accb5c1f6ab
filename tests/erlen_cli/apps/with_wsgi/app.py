"""Found without --app: never used, wsgi.py wins."""

from __future__ import annotations

import click

from erlen import Erlen

app = Erlen("from_app_py_shadowed")


@app.cli.command()
def name() -> None:
    click.echo(app.name)
