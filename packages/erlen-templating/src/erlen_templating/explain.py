"""The report ``EXPLAIN_TEMPLATE_LOADING`` logs: what each loader tried."""

from __future__ import annotations

import typing as t

from erlen import Blueprint
from erlen import has_request_context
from erlen import request

if t.TYPE_CHECKING:
    from collections.abc import Callable
    from collections.abc import Sequence

    from jinja2 import BaseLoader

    from erlen import Erlen
    from erlen import Request

    #: What a Jinja loader returns: source, file name, up-to-date check.
    Source = tuple[str, str | None, Callable[[], bool] | None]

#: The loader settings worth showing, when a loader has them.
_LOADER_SETTINGS = ("encoding", "followlinks")


def describe_loader(loader: BaseLoader) -> str:
    """Say where a loader looks, for error messages."""
    searchpath = getattr(loader, "searchpath", None)
    if searchpath:
        return ", ".join(map(str, searchpath))
    return f"a {type(loader).__name__}"


def describe_owner(owner: t.Any) -> str:
    """Name the app or blueprint a loader belongs to."""
    kind = "blueprint" if isinstance(owner, Blueprint) else "application"
    return f"{kind} {owner.name!r} ({owner.import_name})"


def _loader_lines(loader: BaseLoader) -> list[str]:
    cls = type(loader)
    lines = [f"class: {cls.__module__}.{cls.__qualname__}"]
    for name in _LOADER_SETTINGS:
        if hasattr(loader, name):
            lines.append(f"{name}: {getattr(loader, name)!r}")
    searchpath = getattr(loader, "searchpath", None)
    if searchpath is not None:
        lines.append("searchpath:")
        lines.extend(f"  - {path}" for path in searchpath)
    return lines


def _verdict(found: int) -> list[str]:
    if found == 1:
        return []
    if found > 1:
        return [
            "Warning: more than one loader has this template; the first one"
            " listed is used."
        ]
    lines = ["Error: the template could not be found: no loader has it."]
    blueprint = t.cast("Request", request).blueprint if has_request_context() else None
    if blueprint is not None:
        lines.append(
            "  The template was looked up from an endpoint that belongs to the"
            f" blueprint {blueprint!r}. If the template is meant to be that"
            " blueprint's, check that it is in the blueprint's template_folder."
            # Erlen's blueprints follow Flask's, whose guide explains the folders.
            " See https://flask.palletsprojects.com/blueprints/#templates"
        )
    return lines


def explain_attempts(
    app: Erlen,
    template: str,
    attempts: Sequence[tuple[t.Any, BaseLoader, Source | None]],
) -> None:
    """Log, at INFO level on ``app.logger``, where ``template`` was looked for.

    :param attempts: each app or blueprint asked, its loader, and what the
        loader returned (``None`` when it did not have the template).
    """
    lines = [f"Locating template {template!r}:"]
    for number, (owner, loader, source) in enumerate(attempts, 1):
        lines.append(f"{number:5}: trying loader of {describe_owner(owner)}")
        lines.extend(f"       {line}" for line in _loader_lines(loader))
        if source is None:
            lines.append("       -> no match")
        else:
            lines.append(f"       -> found ({source[1]!r})")
    lines.extend(_verdict(sum(source is not None for _, _, source in attempts)))
    app.logger.info("\n".join(lines))
