"""Distributions reach each other through public names only.

A `_`-prefixed name is a distribution's own business: it may change in any
release. Once a sibling imports one, releasing the owner alone can break the
sibling without any version range saying so. These tests read the source of
every distribution and fail on a private name crossing a distribution
boundary, as an import or as an attribute read off a sibling's object.
"""

from __future__ import annotations

import ast
import typing as t
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ROOT / "packages"


def _is_private(name: str) -> bool:
    """``_name`` but not ``__dunder__``, which Python itself defines."""
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def import_packages() -> dict[str, str]:
    """Each code distribution's import package, by distribution name."""
    return {
        src.parent.name: package.name
        for src in sorted(PACKAGES.glob("*/src"))
        for package in src.iterdir()
        if package.is_dir() and (package / "__init__.py").exists()
    }


PACKAGE_OF = import_packages()
DIST_OF = {package: dist for dist, package in PACKAGE_OF.items()}


def sources(dist: str) -> list[Path]:
    return sorted((PACKAGES / dist / "src").rglob("*.py"))


def parse(path: Path) -> ast.AST:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def private_imports(path: Path, dist: str) -> t.Iterator[str]:
    """``line: what`` for each private name ``path`` imports from a sibling."""
    for node in ast.walk(parse(path)):
        if isinstance(node, ast.ImportFrom) and node.module and not node.level:
            modules = [node.module]
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
            names = []
        else:
            continue
        for module in modules:
            owner = DIST_OF.get(module.split(".")[0])
            if owner is None or owner == dist:
                continue
            parts = [*module.split("."), *names]
            private = [part for part in parts if _is_private(part)]
            if private:
                yield f"{node.lineno}: imports {', '.join(private)} from {module}"


def private_attributes_defined(dist: str) -> set[str]:
    """Every private attribute ``dist`` defines: assigned, declared or a method."""
    defined: set[str] = set()
    for path in sources(dist):
        for node in ast.walk(parse(path)):
            if isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
                defined.add(node.attr)
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                defined.add(node.name)
            elif isinstance(node, ast.ClassDef):
                for statement in node.body:
                    for target in _assigned_names(statement):
                        defined.add(target)
    return {name for name in defined if _is_private(name)}


def _assigned_names(statement: ast.stmt) -> t.Iterator[str]:
    if isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name):
        yield statement.target.id
    elif isinstance(statement, ast.Assign):
        for target in statement.targets:
            if isinstance(target, ast.Name):
                yield target.id


DEFINED = {dist: private_attributes_defined(dist) for dist in PACKAGE_OF}


def foreign_private_attributes(path: Path, dist: str) -> t.Iterator[str]:
    """``line: what`` for each private attribute ``path`` reads that only a
    sibling defines: reaching into that sibling's objects."""
    others = {
        name: other
        for other, names in DEFINED.items()
        if other != dist
        for name in names
    }
    for node in ast.walk(parse(path)):
        if (
            isinstance(node, ast.Attribute)
            and _is_private(node.attr)
            and node.attr not in DEFINED[dist]
            and node.attr in others
        ):
            yield f"{node.lineno}: uses .{node.attr}, private to {others[node.attr]}"


def crossings(dist: str) -> list[str]:
    found = []
    for path in sources(dist):
        where = path.relative_to(ROOT)
        found += [f"{where}:{hit}" for hit in private_imports(path, dist)]
        found += [f"{where}:{hit}" for hit in foreign_private_attributes(path, dist)]
    return found


@pytest.mark.parametrize("dist", sorted(PACKAGE_OF))
def test_no_private_name_crosses_a_distribution_boundary(dist: str) -> None:
    found = crossings(dist)
    assert not found, (
        f"{dist} uses private names of another distribution, which may change"
        " in any release of that distribution. Make what it needs public and"
        " documented there (and require the release that adds it), then use"
        " the public name:\n" + "\n".join(found)
    )


def test_the_scan_sees_private_imports_and_attributes(tmp_path: Path) -> None:
    # The clean tree passes; this proves the scan would catch each way a
    # private name can cross, and lets public and dunder names through.
    source = tmp_path / "sneaky.py"
    source.write_text(
        "import erlen_contexts._proxy\n"
        "from erlen_contexts.globals import _hidden, request\n"
        "from erlen_contexts._werkzeug_package import anything\n"
        "from erlen_contexts.__about__ import __version__\n"
        "from erlen import Erlen\n"
        "def f(ctx):\n"
        "    return ctx._cv_tokens, ctx._own\n"
        "class Mine:\n"
        "    _own = 1\n"
    )
    imports = list(private_imports(source, "erlen-core"))
    assert imports == [
        "1: imports _proxy from erlen_contexts._proxy",
        "2: imports _hidden from erlen_contexts.globals",
        "3: imports _werkzeug_package from erlen_contexts._werkzeug_package",
    ]
    assert "_cv_tokens" in DEFINED["erlen-contexts"]
    attributes = list(foreign_private_attributes(source, "erlen-core"))
    assert attributes == ["7: uses ._cv_tokens, private to erlen-contexts"]
