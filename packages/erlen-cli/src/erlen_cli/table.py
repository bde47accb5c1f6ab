"""Plain-text tables, for commands that list things."""

from __future__ import annotations

import typing as t


def format_table(
    headers: t.Sequence[str], rows: t.Iterable[t.Sequence[str]]
) -> list[str]:
    """Lay out ``rows`` under ``headers`` in left-aligned columns.

    A line of dashes separates the headers from the rows, and trailing
    spaces are dropped, so the output diffs and greps cleanly.
    """
    table = [list(headers), *(list(row) for row in rows)]
    widths = [max(len(row[i]) for row in table) for i in range(len(headers))]
    table.insert(1, ["-" * width for width in widths])
    return [
        "  ".join(
            cell.ljust(width) for cell, width in zip(row, widths, strict=True)
        ).rstrip()
        for row in table
    ]
