"""List the module-level names of Flask 3.1.3's public modules, as test data.

Code written for Flask imports names from Flask's modules, including names
a module has only because it imported them (``from flask.app import Rule``).
``tests/compat/test_namespaces.py`` holds erlen-flask-compat's modules to
the same names, read from ``flask_names.json`` beside this script. Flask is
never installed in the project's environments, so this script makes a
throwaway virtual environment, installs Flask there, and runs itself
inside it::

    python tests/compat/data/make_flask_names.py

Only names and where each comes from are written, never Flask's code. Where
a name comes from is read from the import statements of the module's
source: ``flask`` for what Flask defines (with the Flask module it was
imported from, if another), the library's top-level name for what a module
imported from Werkzeug, Click, Jinja, Blinker, itsdangerous or MarkupSafe,
``stdlib`` for the standard library. Dunder names (``__name__``,
``__file__`` ...) are the import system's, so they are left out.
"""

from __future__ import annotations

import ast
import importlib
import json
import subprocess
import sys
import tempfile
import typing as t
from pathlib import Path

FLASK_REQUIREMENT = "flask==3.1.3"
OUTPUT = Path(__file__).resolve().with_name("flask_names.json")

#: Flask's public modules.
MODULES = (
    "flask",
    "flask.app",
    "flask.blueprints",
    "flask.cli",
    "flask.config",
    "flask.ctx",
    "flask.debughelpers",
    "flask.globals",
    "flask.helpers",
    "flask.json",
    "flask.json.provider",
    "flask.json.tag",
    "flask.logging",
    "flask.sansio.app",
    "flask.sansio.blueprints",
    "flask.sansio.scaffold",
    "flask.sessions",
    "flask.signals",
    "flask.templating",
    "flask.testing",
    "flask.typing",
    "flask.views",
    "flask.wrappers",
)

#: The libraries Flask's modules import from, besides the standard library.
THIRD_PARTY = ("werkzeug", "click", "jinja2", "blinker", "itsdangerous", "markupsafe")


def imports_of(module: t.Any) -> dict[str, str]:
    """Map each name bound by an import at module level to where it came from.

    ``from .globals import request`` in ``flask.app`` gives
    ``{"request": "flask.globals:request"}``; ``import typing as t`` gives
    ``{"t": "typing"}``. Imports nested in ``if`` and ``try`` count, since
    they run at import time; those in functions do not.
    """
    tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
    package = module.__name__ if hasattr(module, "__path__") else module.__package__
    found: dict[str, str] = {}

    def visit(body: list[ast.stmt]) -> None:
        for node in body:
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.asname:
                        found[alias.asname] = alias.name
                    else:
                        top = alias.name.split(".")[0]
                        found[top] = top
            elif isinstance(node, ast.ImportFrom):
                source = importlib.util.resolve_name(
                    "." * node.level + (node.module or ""), package
                )
                for alias in node.names:
                    found[alias.asname or alias.name] = f"{source}:{alias.name}"
            elif isinstance(node, ast.If | ast.Try):
                visit(node.body)
                visit(node.orelse)
                for handler in getattr(node, "handlers", ()):
                    visit(handler.body)
                visit(getattr(node, "finalbody", []))

    visit(tree.body)
    return found


def origin_of(source: str) -> str:
    """``flask``, the third-party library, or ``stdlib``, for an import source."""
    top = source.split(":")[0].split(".")[0]
    if top == "flask" or top in THIRD_PARTY:
        return top
    if top in sys.stdlib_module_names:
        return "stdlib"
    raise ValueError(f"unexpected import source {source!r}")


def names_of(name: str) -> dict[str, list[str]]:
    """Each non-dunder name of module ``name``: its origin and its source.

    The source is ``module:attribute`` for a name imported from a module,
    the module's name for a module, and ``name`` itself for a name the
    module defines.
    """
    module = importlib.import_module(name)
    imported = imports_of(module)
    result: dict[str, list[str]] = {}
    for attribute in sorted(dir(module)):
        if attribute.startswith("__") and attribute.endswith("__"):
            continue
        value = getattr(module, attribute)
        if attribute in imported:
            source = imported[attribute]
        elif isinstance(value, type(sys)):
            # A submodule, set on its package when it was imported.
            source = value.__name__
        else:
            source = name
        result[attribute] = [origin_of(source), source]
    return result


def generate() -> dict[str, t.Any]:
    """List every module's names; runs inside the environment that has Flask."""
    from importlib.metadata import version

    return {
        "about": (
            "The module-level names of Flask's public modules, made by"
            " tests/compat/data/make_flask_names.py; do not edit by hand."
            " Each name maps to [origin, source]: origin is flask, stdlib or"
            " the third-party library; source is module:attribute for an"
            " imported name, a module's name for a module, or the module"
            " itself for a name it defines."
        ),
        "generated_with": {
            name: version(name) for name in ("flask", *THIRD_PARTY)
        },
        "modules": {name: names_of(name) for name in MODULES},
    }


def main() -> None:
    """Make the virtual environment, install Flask, and run :func:`generate` there."""
    with tempfile.TemporaryDirectory(prefix="erlen-flask-") as tmp:
        venv = Path(tmp) / "venv"
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        python = venv / (
            "Scripts/python.exe" if sys.platform == "win32" else "bin/python"
        )
        subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet", FLASK_REQUIREMENT],
            check=True,
        )
        result = subprocess.run(
            [str(python), __file__, "--inside"],
            check=True,
            capture_output=True,
            text=True,
        )
    OUTPUT.write_text(result.stdout, encoding="utf-8")
    print(f"Wrote {OUTPUT}")


def dump(data: dict[str, t.Any]) -> str:
    """JSON with one line per name, so a diff shows each name that changed."""
    modules = ",\n".join(
        f"  {json.dumps(module)}: {{\n"
        + ",\n".join(
            f"   {json.dumps(name)}: {json.dumps(where)}"
            for name, where in names.items()
        )
        + "\n  }"
        for module, names in data["modules"].items()
    )
    head = json.dumps({k: v for k, v in data.items() if k != "modules"}, indent=1)
    return f'{head[:-2]},\n "modules": {{\n{modules}\n }}\n}}\n'


if __name__ == "__main__":
    if sys.argv[1:] == ["--inside"]:
        print(dump(generate()), end="")
    else:
        main()
