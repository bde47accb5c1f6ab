"""The ``erlen`` console script."""

from __future__ import annotations

from .erlen_group import ErlenGroup

cli = ErlenGroup(
    name="erlen",
    help="""\
A general utility script for Erlen applications.

An application to load must be given with the '--app' option,
'ERLEN_APP' environment variable, or with a 'wsgi.py' or 'app.py' file
in the current directory.
""",
)


def main() -> None:
    """Run ``erlen``; the entry point of the console script."""
    cli.main()
