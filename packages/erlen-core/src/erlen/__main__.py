"""``python -m erlen``: the ``erlen`` command, as ``python -m flask`` is Flask's.

The command belongs to erlen-cli, which core does not require; without it,
say how to get it instead of failing with an import error.
"""

from __future__ import annotations

import sys


def main() -> None:
    try:
        from erlen_cli.main import main as cli_main
    except ImportError:
        sys.exit(
            "The erlen command comes with erlen-cli, which is not installed."
            ' Install it with: pip install "erlen-core[cli]"'
        )
    cli_main()


if __name__ == "__main__":
    main()
