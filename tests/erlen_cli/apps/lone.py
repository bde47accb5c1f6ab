"""The only Erlen instance in the module, under a name discovery does not guess."""

from __future__ import annotations

import click

from erlen import Erlen

website = Erlen("lone_website")


@website.cli.command()
def name() -> None:
    click.echo(website.name)
