"""Running every teardown callback even when some of them fail."""

from __future__ import annotations

import sys
import typing as t


def run_teardown_callbacks(
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
    raise_collected(errors)


def raise_collected(errors: list[BaseException]) -> None:
    """Raise the first of ``errors`` with the others attached as notes.

    Whoever runs a series of callbacks that must all run (the request
    pipeline's teardown, under either server interface) collects their
    errors and ends with this, so none of them is lost.
    """
    if not errors:
        return
    first = errors[0]
    for other in errors[1:]:
        _add_note(first, f"Another teardown callback also failed: {other!r}")
    raise first


def _add_note(error: BaseException, note: str) -> None:
    """Attach ``note`` to ``error``, on Python 3.10 too.

    ``add_note`` arrived in 3.11; calling it on 3.10 would replace the
    teardown error with an ``AttributeError``. There the note is stored in
    ``__notes__`` by hand, the attribute pytest and the ``exceptiongroup``
    backport read on 3.10.
    """
    if sys.version_info >= (3, 11):
        error.add_note(note)
    else:
        error.__notes__ = [*getattr(error, "__notes__", ()), note]  # type: ignore[attr-defined]
