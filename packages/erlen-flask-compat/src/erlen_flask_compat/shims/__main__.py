"""``flask.__main__``: ``python -m flask`` runs the ``flask`` command."""

from __future__ import annotations

from erlen_flask_compat.cli import cli

cli.main(prog_name="python -m flask")
