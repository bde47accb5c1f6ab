"""Each distribution imports only what it declares, so each installs alone.

Dependencies point one way: contexts <- core <- plugins. A plugin reaches a
sibling only through core's registry, and core never imports the optional
libraries the plugins wrap. An import that breaks this works in the full
environment, where everything is installed, and fails on a user's machine
that installed one plugin; these tests read the source, so they catch it in
any environment, including lazy imports inside functions. The last tests
check that what crosses a boundary is public.
"""

from __future__ import annotations

import ast
import sys
import typing as t
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

if sys.version_info >= (3, 11):
    import tomllib
else:  # tomllib is new in 3.11; tomli is the same parser, on PyPI
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ROOT / "packages"
#: What the plugins wrap; core must stay as light as Werkzeug.
PLUGIN_LIBRARIES = {"jinja2", "click", "itsdangerous", "blinker", "pytest"}
FOUNDATION = ("erlen-contexts", "erlen-core")


def import_packages() -> dict[str, str]:
    """Each code distribution's import package, by distribution name."""
    return {
        src.parent.name: package.name
        for src in sorted(PACKAGES.glob("*/src"))
        for package in src.iterdir()
        if package.is_dir() and (package / "__init__.py").exists()
    }


PACKAGE_OF = import_packages()


def imported_modules(path: Path) -> t.Iterator[tuple[int, str]]:
    """Every module ``path`` imports by statement or by name, with its line."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            yield node.lineno, node.module
        elif isinstance(node, ast.Call) and _imports_by_name(node):
            yield node.lineno, t.cast(ast.Constant, node.args[0]).value


def _imports_by_name(call: ast.Call) -> bool:
    """``importlib.import_module("x")`` or ``__import__("x")``."""
    func = call.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    return (
        name in {"import_module", "__import__"}
        and bool(call.args)
        and isinstance(call.args[0], ast.Constant)
        and isinstance(call.args[0].value, str)
    )


def offending_imports(dist: str, forbidden: set[str]) -> list[str]:
    """``file:line imports module`` for each import of a ``forbidden`` package."""
    found = []
    for path in sorted((PACKAGES / dist / "src").rglob("*.py")):
        for line, module in imported_modules(path):
            if module.split(".")[0] in forbidden:
                where = path.relative_to(ROOT)
                found.append(f"{where}:{line} imports {module}")
    return found


def test_every_code_distribution_is_scanned() -> None:
    # A distribution this test cannot see would pass unchecked.
    assert set(FOUNDATION) <= set(PACKAGE_OF)
    assert len(PACKAGE_OF) == len(set(PACKAGE_OF.values()))


#: The distribution that provides each third-party import package.
THIRD_PARTY = {
    "asgiref": "asgiref",
    "blinker": "blinker",
    "click": "click",
    "cryptography": "cryptography",
    "dotenv": "python-dotenv",
    "itsdangerous": "itsdangerous",
    "jinja2": "jinja2",
    "markupsafe": "markupsafe",
    "pytest": "pytest",
    "redis": "redis",
    "uvicorn": "uvicorn",
    "werkzeug": "werkzeug",
}
#: Imports a distribution makes without requiring them, and why that is right.
UNDECLARED = {
    # Type stubs, imported under TYPE_CHECKING only.
    ("*", "_typeshed"),
    # `erlen run --cert adhoc` only; the command names `pip install
    # cryptography` when it is missing, as Flask does.
    ("erlen-cli", "cryptography"),
    # Only pytest imports the pytest11 plugin and the conformance suites.
    ("erlen-testing", "pytest"),
    # The compat layer's shims import `flask`, which its own import hook
    # serves; the real Flask is never required.
    ("erlen-flask-compat", "flask"),
}


def declared(dist: str) -> set[str]:
    """The distributions ``dist`` requires, its extras' included."""
    with open(PACKAGES / dist / "pyproject.toml", "rb") as file:
        project = tomllib.load(file)["project"]
    lines = list(project.get("dependencies", []))
    for extra in project.get("optional-dependencies", {}).values():
        lines.extend(extra)
    return {canonicalize_name(Requirement(line).name) for line in lines}


def undeclared_imports(dist: str) -> list[str]:
    """``file:line imports module`` for each import of an undeclared distribution."""
    provider = {package: name for name, package in PACKAGE_OF.items()}
    provider.update(THIRD_PARTY)
    allowed = declared(dist) | {dist}
    found = []
    for path in sorted((PACKAGES / dist / "src").rglob("*.py")):
        for line, module in imported_modules(path):
            top = module.split(".")[0]
            if top in sys.stdlib_module_names or {("*", top), (dist, top)} & UNDECLARED:
                continue
            if provider.get(top, f"<unknown: add {top} to THIRD_PARTY>") not in allowed:
                where = path.relative_to(ROOT)
                found.append(f"{where}:{line} imports {module}")
    return found


@pytest.mark.parametrize("dist", sorted(PACKAGE_OF))
def test_distribution_declares_every_distribution_it_imports(dist: str) -> None:
    # Directly, not through a sibling: releasing that sibling without the
    # dependency must not break this distribution.
    found = undeclared_imports(dist)
    assert not found, (
        f"{dist} imports distributions its pyproject.toml does not require, so"
        " a release of a sibling that drops them breaks it. Add each to"
        f" `dependencies` in packages/{dist}/pyproject.toml, a sibling as"
        ' "name>=<first version with what you use>,<next major>"'
        " (docs/releasing.md), or reach another plugin through core's registry:\n"
        + "\n".join(found)
    )


@pytest.mark.parametrize("dist", FOUNDATION)
def test_core_never_imports_what_the_plugins_wrap(dist: str) -> None:
    found = offending_imports(dist, PLUGIN_LIBRARIES)
    assert not found, (
        f"{dist} imports a library only a plugin may import, so `pip install"
        f" erlen-core` would need it and `import erlen` would pay for it. Move the"
        f" code into the plugin that wraps it and reach it through the registry:\n"
        + "\n".join(found)
    )


def test_the_scan_sees_lazy_aliased_and_by_name_imports(tmp_path: Path) -> None:
    # The checks above pass on a clean tree; this proves they would not pass
    # on imports hidden where a reviewer might miss them.
    source = tmp_path / "sneaky.py"
    source.write_text(
        "import importlib\n"
        "import erlen_signals.plugin as signals\n"
        "from . import sibling\n"
        "def later():\n"
        "    from erlen_cli import main\n"
        "    import jinja2, markupsafe\n"
        "    return importlib.import_module('blinker'), __import__('click')\n"
    )

    assert list(imported_modules(source)) == [
        (1, "importlib"),
        (2, "erlen_signals.plugin"),
        (5, "erlen_cli"),
        (6, "jinja2"),
        (6, "markupsafe"),
        (7, "blinker"),
        (7, "click"),
    ]


# -- private names ------------------------------------------------------------
#
# A `_`-prefixed name is a distribution's own business: it may change in any
# release. Once a sibling imports one, releasing the owner alone can break the
# sibling without any version range saying so. These tests fail on a private
# name crossing a distribution boundary, as an import or as an attribute read
# off a sibling's object.


def _is_private(name: str) -> bool:
    """``_name`` but not ``__dunder__``, which Python itself defines."""
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


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
