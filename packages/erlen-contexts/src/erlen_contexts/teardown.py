"""Running every teardown callback even when some of them fail."""

from __future__ import annotations

import typing as t


def run_all(
    callbacks: t.Iterable[t.Callable[[BaseException | None], object]],
    exc: BaseException | None,
) -> None:
    """Call each callback with ``exc``, then raise what any of them raised.

    A failing teardown must not stop the others, or a database connection
    or file handle registered after it would leak. The first error is raised
    with the rest attached as notes, so none of them is lost.
    """
    errors: list[BaseException] = []
    for callback in callbacks:
        try:
            callback(exc)
        except Exception as error:  # noqa: BLE001 - collected, then raised
            errors.append(error)
    if not errors:
        return
    first = errors[0]
    for other in errors[1:]:
        first.add_note(f"Another teardown callback also failed: {other!r}")
    raise first
