"""An 'application' attribute, as WSGI servers name it, next to another app."""

from __future__ import annotations

import click

from erlen import Erlen

application = Erlen("the_application")
other = Erlen("the_other")


@application.cli.command()
def name() -> None:
    click.echo(application.name)


@other.cli.command("name")
def other_name() -> None:
    click.echo(other.name)
