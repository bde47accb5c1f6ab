"""Run the fuzz suite with a large budget: ``hatch run fuzz``.

The tests in ``tests/fuzz`` run with a short budget in ``hatch run test``;
this runs the same tests with the budget raised through environment
variables, and prints what the seeded run saw (requests, statuses,
violations). ``--requests``, ``--examples`` and ``--seed`` change it;
other arguments go to pytest.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=100_000, help="seeded requests")
    parser.add_argument(
        "--examples", type=int, default=2_000, help="hypothesis examples"
    )
    parser.add_argument("--seed", type=int, default=15, help="seed of the seeded run")
    options, rest = parser.parse_known_args(argv)
    os.environ["ERLEN_FUZZ_REQUESTS"] = str(options.requests)
    os.environ["ERLEN_FUZZ_EXAMPLES"] = str(options.examples)
    os.environ["ERLEN_FUZZ_SEED"] = str(options.seed)
    # -s: the seeded test prints its counts.
    return pytest.main(
        [str(ROOT / "tests" / "fuzz"), "-q", "-s", "-p", "no:cacheprovider", *rest]
    )


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
