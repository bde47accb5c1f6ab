"""Finding the application: import strings, modules, instances and factories.

``--app`` takes ``module``, ``module:name``, ``module:factory(args)`` or a
path to a ``.py`` file. Inside a module, an ``app`` or ``application``
attribute wins, then a single :class:`~erlen.Erlen` instance, then a
``create_app`` or ``make_app`` factory that needs no arguments.

Errors say what was looked for. An error raised by the user's own code
while importing or calling a factory is never hidden behind "could not
find the app": its traceback is what the user needs.
"""

from __future__ import annotations

import ast
import inspect
import os
import re
import sys
import traceback
import typing as t

import click

from erlen.app import Erlen

if t.TYPE_CHECKING:
    from types import ModuleType

_INSTANCE_NAMES = ("app", "application")
_FACTORY_NAMES = ("create_app", "make_app")
# The first colon not followed by a slash separates module from name, so
# that a Windows drive ("C:\\src\\app.py:app") stays part of the path.
_SEPARATOR = re.compile(r":(?![\\/])")


class NoAppException(click.UsageError):
    """The application could not be found or loaded."""


def split_import_path(import_path: str) -> tuple[str, str | None]:
    """Split ``--app`` into the module (or file) part and the optional name."""
    module, *name = _SEPARATOR.split(import_path, maxsplit=1)
    return module, (name[0] if name else None)


def prepare_import(path: str) -> str:
    """Turn a file or module path into an importable module name.

    The folder above the outermost package is put first on ``sys.path``,
    so ``src/hello/web.py`` imports as ``hello.web`` from anywhere, and
    ``hello`` in the working directory imports although the ``erlen``
    script's own folder, not the working directory, heads ``sys.path``.
    """
    path = os.path.realpath(path)
    stem, ext = os.path.splitext(path)
    if ext == ".py":
        path = stem
    if os.path.basename(path) == "__init__":
        path = os.path.dirname(path)

    parts: list[str] = []
    while True:
        path, name = os.path.split(path)
        parts.append(name)
        if not os.path.exists(os.path.join(path, "__init__.py")):
            break

    if sys.path[0] != path:
        sys.path.insert(0, path)
    return ".".join(reversed(parts))


@t.overload
def locate_app(
    module_name: str, app_name: str | None, raise_if_not_found: t.Literal[True] = True
) -> Erlen: ...


@t.overload
def locate_app(
    module_name: str, app_name: str | None, raise_if_not_found: bool
) -> Erlen | None: ...


def locate_app(
    module_name: str, app_name: str | None, raise_if_not_found: bool = True
) -> Erlen | None:
    """Import ``module_name`` and find the app in it.

    :param app_name: an attribute or factory call; found automatically
        (see :func:`find_best_app`) when ``None``.
    :param raise_if_not_found: when false, a module that does not exist
        returns ``None``; an import error raised inside it still raises.
    :raise NoAppException: the module or the app in it was not found, or
        importing the module raised :exc:`ImportError` (with its traceback).
    """
    try:
        __import__(module_name)
    except ImportError as e:
        if _raised_inside_module(e):
            raise NoAppException(
                f"While importing {module_name!r}, an ImportError was raised:"
                f"\n\n{traceback.format_exc()}"
            ) from None
        if not raise_if_not_found:
            return None
        raise NoAppException(
            f"Could not import {module_name!r}: no module of that name was found"
            f" in {sys.path[0]!r} nor elsewhere on the Python path. Check the"
            " spelling, and run the command from the folder that holds the module"
            " or give a path to the file."
        ) from None

    module = sys.modules[module_name]
    if app_name is None:
        return find_best_app(module)
    return find_app_by_string(module, app_name)


def _raised_inside_module(error: ImportError) -> bool:
    """Whether the import failed inside the module rather than finding it.

    When the module is missing, the error comes from the import statement
    itself and its traceback has a single frame.
    """
    tb = error.__traceback__
    return tb is not None and tb.tb_next is not None


def find_best_app(module: ModuleType) -> Erlen:
    """Find the one application in ``module``, by the rules of this module.

    :raise NoAppException: none was found, several were, or a factory
        needs arguments.
    """
    for name in _INSTANCE_NAMES:
        if isinstance(getattr(module, name, None), Erlen):
            return getattr(module, name)  # type: ignore[no-any-return]

    instances = [v for v in module.__dict__.values() if isinstance(v, Erlen)]
    if len(instances) == 1:
        return instances[0]
    if instances:
        raise NoAppException(
            f"Detected multiple Erlen applications in module {module.__name__!r}."
            f" Use '{module.__name__}:name' to say which one to use."
        )

    for name in _FACTORY_NAMES:
        factory = getattr(module, name, None)
        if inspect.isfunction(factory):
            return _call_factory(module, name, factory)

    raise NoAppException(
        f"Failed to find an Erlen application or factory in module"
        f" {module.__name__!r}. Looked for an attribute named"
        f" {' or '.join(map(repr, _INSTANCE_NAMES))}, a single Erlen instance, and"
        f" a factory function named {' or '.join(map(repr, _FACTORY_NAMES))}. Use"
        f" '{module.__name__}:name' to name the app or factory."
    )


def _call_factory(
    module: ModuleType, name: str, factory: t.Callable[[], object]
) -> Erlen:
    try:
        app = factory()
    except TypeError as e:
        if not _called_with_wrong_args(factory, e):
            raise
        raise NoAppException(
            f"Detected factory {name!r} in module {module.__name__!r}, but could"
            f" not call it without arguments. Use '{module.__name__}:{name}(args)'"
            " to pass arguments."
        ) from None
    if not isinstance(app, Erlen):
        raise NoAppException(
            f"The factory {name!r} in module {module.__name__!r} returned"
            f" {type(app).__name__!r}, not an Erlen application."
        )
    return app


def _called_with_wrong_args(func: t.Callable[..., object], error: TypeError) -> bool:
    """Whether ``error`` came from the call itself, not from inside ``func``.

    A TypeError raised by the factory's own code is a bug the user needs to
    see; one raised by the call means the arguments did not fit.
    """
    tb = error.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code is getattr(func, "__code__", None):
            return False
        tb = tb.tb_next
    return True


def parse_app_name(app_name: str) -> tuple[str, list[t.Any], dict[str, t.Any]]:
    """Parse ``name`` or ``factory(args)`` into the name and literal arguments.

    Only Python literals are accepted as arguments: the string comes from
    the command line or the environment and is never evaluated as code.
    """
    try:
        expr = ast.parse(app_name.strip(), mode="eval").body
    except SyntaxError:
        raise _unparseable(app_name) from None

    if isinstance(expr, ast.Name):
        return expr.id, [], {}
    if not (isinstance(expr, ast.Call) and isinstance(expr.func, ast.Name)):
        raise _unparseable(app_name)
    try:
        args = [ast.literal_eval(arg) for arg in expr.args]
        kwargs = {
            kw.arg: ast.literal_eval(kw.value)
            for kw in expr.keywords
            if kw.arg is not None
        }
    except ValueError:
        raise NoAppException(
            f"Failed to parse the arguments of {app_name!r} as literal values."
            " Only strings, numbers, booleans, None, lists, tuples, sets and"
            " dicts of those can be passed to a factory."
        ) from None
    return expr.func.id, args, kwargs


def _unparseable(app_name: str) -> NoAppException:
    return NoAppException(
        f"Failed to parse {app_name!r} as an attribute name or a function call."
        " Use 'module:name' or 'module:factory(args)'."
    )


def find_app_by_string(module: ModuleType, app_name: str) -> Erlen:
    """Find the app named by ``app_name``: an attribute or a factory call."""
    name, args, kwargs = parse_app_name(app_name)
    try:
        attr = getattr(module, name)
    except AttributeError:
        raise NoAppException(
            f"Failed to find attribute {name!r} in module {module.__name__!r}."
        ) from None

    if inspect.isfunction(attr):
        try:
            app = attr(*args, **kwargs)
        except TypeError as e:
            if not _called_with_wrong_args(attr, e):
                raise
            raise NoAppException(
                f"The factory {app_name!r} in module {module.__name__!r} could not"
                f" be called with the specified arguments: {e}."
            ) from None
    else:
        app = attr

    if isinstance(app, Erlen):
        return app
    raise NoAppException(
        f"A valid Erlen application was not obtained from"
        f" '{module.__name__}:{app_name}': got {type(app).__name__!r}."
    )
