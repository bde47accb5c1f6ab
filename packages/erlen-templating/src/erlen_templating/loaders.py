"""Finding templates: the app's folder first, then each blueprint's."""

from __future__ import annotations

import os
import typing as t

from jinja2 import BaseLoader
from jinja2 import FileSystemLoader
from jinja2 import TemplateNotFound
from jinja2 import TemplatesNotFound

from .explain import describe_loader
from .explain import describe_owner
from .explain import explain_attempts

if t.TYPE_CHECKING:
    from collections.abc import Iterator
    from collections.abc import Sequence

    import jinja2

    from erlen import Erlen

    from .explain import Source


def create_loader(scaffold: t.Any) -> FileSystemLoader | None:
    """The loader of an app's or blueprint's ``template_folder``, if it has one."""
    if scaffold.template_folder is None:
        return None
    return FileSystemLoader(os.path.join(scaffold.root_path, scaffold.template_folder))


class DispatchingJinjaLoader(BaseLoader):
    """Load templates from the app's loader, then each blueprint's.

    Blueprints are asked in the order they were registered, so an app can
    override any blueprint's template by putting a file with the same name
    in its own folder. Each loader is ``jinja_loader`` of the app or
    blueprint. With ``EXPLAIN_TEMPLATE_LOADING`` on, every loader is tried
    and a report of the attempts is logged.
    """

    def __init__(self, app: Erlen) -> None:
        self.app = app

    def iter_loaders(self) -> Iterator[tuple[t.Any, BaseLoader]]:
        """Each app or blueprint with a loader, and its loader, in search order."""
        seen: set[int] = set()
        owners: tuple[t.Any, ...] = (self.app, *self.app.iter_blueprints())
        for owner in owners:
            loader = owner.jinja_loader
            # A blueprint registered under two names is searched once.
            if loader is not None and id(loader) not in seen:
                seen.add(id(loader))
                yield owner, loader

    def get_source(self, environment: jinja2.Environment, template: str) -> Source:
        if self.app.config["EXPLAIN_TEMPLATE_LOADING"]:
            return self._get_source_explained(environment, template)
        for _, loader in self.iter_loaders():
            try:
                return loader.get_source(environment, template)
            except TemplateNotFound:
                continue
        raise self.not_found([template])

    def _get_source_explained(
        self, environment: jinja2.Environment, template: str
    ) -> Source:
        attempts: list[tuple[t.Any, BaseLoader, Source | None]] = []
        for owner, loader in self.iter_loaders():
            try:
                source: Source | None = loader.get_source(environment, template)
            except TemplateNotFound:
                source = None
            attempts.append((owner, loader, source))
        explain_attempts(self.app, template, attempts)
        for _, _, source in attempts:
            if source is not None:
                return source
        raise self.not_found([template])

    def list_templates(self) -> list[str]:
        names: set[str] = set()
        for _, loader in self.iter_loaders():
            names.update(loader.list_templates())
        return sorted(names)

    def not_found(self, names: Sequence[str]) -> TemplateNotFound:
        """The error for templates no loader has, saying where they were looked for."""
        places = [
            f"{describe_owner(owner)}: {describe_loader(loader)}"
            for owner, loader in self.iter_loaders()
        ]
        where = "; ".join(places) or (
            "nowhere: neither the app nor a blueprint has a template_folder"
        )
        explain = (
            "app.logger has logged what each loader tried."
            if self.app.config["EXPLAIN_TEMPLATE_LOADING"]
            else "set EXPLAIN_TEMPLATE_LOADING = True to log what each loader tries."
        )
        quoted = ", ".join(repr(str(name)) for name in names)
        what = (
            f"template {quoted} was" if len(names) == 1 else f"templates {quoted} were"
        )
        message = (
            f"The {what} not found. Erlen looked in {where}. Check the file name"
            f" and folder; {explain}"
        )
        if len(names) == 1:
            return TemplateNotFound(names[0], message)
        return TemplatesNotFound(names, message)
