"""Sphinx configuration of Erlen's documentation site.

Built with ``hatch run docs:build`` into ``docs/_build/html``, warnings as
errors. The API reference and the changelogs are generated, one page per
distribution under ``packages/``, into ``docs/_generated/`` (git-ignored):
a distribution added to the repository appears without editing this site.
"""

from __future__ import annotations

import importlib.util
import pkgutil
import sys
import typing as t
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

DOCS = Path(__file__).resolve().parent
ROOT = DOCS.parent
GENERATED = DOCS / "_generated"

project = "Erlen"
author = "The Erlen developers"
copyright = "the Erlen developers"

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.viewcode",
]
source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
exclude_patterns = ["_build", "README.md"]
myst_enable_extensions = ["colon_fence", "deflist"]
# "## Heading" in a page links as page.md#heading, as on GitHub.
myst_heading_anchors = 3

html_theme = "furo"
html_title = "Erlen"

autodoc_member_order = "bysource"
autodoc_default_options = {"members": True, "show-inheritance": True}
# Signatures stay as written; the types are in the annotations.
autodoc_typehints = "signature"

#: Modules autodoc must not import: they replace ``flask`` in sys.modules.
SKIPPED_MODULES = ("erlen_flask_compat.shims",)


def distributions() -> list[tuple[str, dict[str, object], Path]]:
    """Every distribution: its name, its ``[project]`` table and its folder."""
    found = []
    for pyproject in sorted(ROOT.glob("packages/*/pyproject.toml")):
        with open(pyproject, "rb") as file:
            project_table = tomllib.load(file)["project"]
        found.append((project_table["name"], project_table, pyproject.parent))
    return found


def public_modules(folder: Path) -> list[str]:
    """The importable public modules of a distribution, from its ``src`` folder."""
    modules = []
    for package in sorted(path for path in (folder / "src").glob("*/__init__.py")):
        name = package.parent.name
        modules.append(name)
        for info in pkgutil.walk_packages([str(package.parent)], prefix=f"{name}."):
            parts = info.name.split(".")
            if any(part.startswith("_") for part in parts) or info.name.startswith(
                SKIPPED_MODULES
            ):
                continue
            if importlib.util.find_spec(info.name) is not None:
                modules.append(info.name)
    return modules


def distribution_page(name: str, table: dict[str, object], folder: Path) -> str:
    """The reference page of one distribution: what it is, its API, its changes."""
    lines = [f"# {name}", "", str(table.get("description", "")), ""]
    modules = public_modules(folder)
    if modules:
        lines += ["## API", ""]
        for module in modules:
            lines += ["```{eval-rst}", f".. automodule:: {module}", "```", ""]
    else:
        lines += ["It installs the other distributions and has no code of its own.", ""]
    changes = folder / "CHANGES.md"
    if changes.exists():
        # Relative to the generated page, docs/_generated/distributions/.
        relative = Path("..", "..", "..", changes.relative_to(ROOT)).as_posix()
        lines += [
            f"```{{include}} {relative}",
            ":heading-offset: 1",
            "```",
            "",
        ]
    return "\n".join(lines)


def generate() -> None:
    """Write one reference page per distribution, and the index of them."""
    out = GENERATED / "distributions"
    out.mkdir(parents=True, exist_ok=True)
    names = []
    for name, table, folder in distributions():
        page = distribution_page(name, table, folder)
        target = out / f"{name}.md"
        # Unchanged files keep their times, so Sphinx rebuilds only what changed.
        if not target.exists() or target.read_text() != page:
            target.write_text(page)
        names.append(name)
    for stale in set(out.glob("*.md")) - {out / f"{name}.md" for name in names}:
        stale.unlink()
    index = "\n".join(
        [
            "# API reference and changes",
            "",
            "One page per distribution: its modules, from their docstrings,"
            " and its changelog.",
            "",
            "```{toctree}",
            ":maxdepth: 1",
            "",
            *names,
            "```",
            "",
        ]
    )
    (out / "index.md").write_text(index)


generate()


def skip_context_proxies(
    app: object, what: str, name: str, obj: object, skip: bool, options: object
) -> bool | None:
    """Leave context proxies (``request``, ``websocket``) out of the API pages.

    A proxy stands for an object that exists only inside a request, so
    autodoc cannot read its signature or docstring outside one; the user
    guide documents what each proxy gives.
    """
    from werkzeug.local import LocalProxy

    return True if isinstance(obj, LocalProxy) else None


def setup(app: t.Any) -> None:
    app.connect("autodoc-skip-member", skip_context_proxies)
