"""Every module of Flask 3.1.3 has its names under the compat layer.

Code written for Flask imports names from Flask's modules, including names
a module holds only because it imported them: ``from flask.app import
Rule``, ``from flask.json.tag import Markup``, ``from flask.globals import
LocalProxy``. ``data/flask_names.json`` lists each module's names as real
Flask 3.1.3 has them (``data/make_flask_names.py`` made it), with where
each comes from.

What is required, by where a name comes from:

- a third-party library (Werkzeug, Click, Jinja, Blinker, itsdangerous,
  MarkupSafe), public or private (``_wz_abort``): present, and the very
  object that library has, so ``isinstance`` and ``except`` work across
  Flask, Erlen and the library;
- the standard library (``os``, ``t`` for ``typing``, ``timedelta``,
  ``_url_quote``): present and the same object; cheap, and code does
  ``from flask.app import timedelta``;
- another Flask module (``flask.app.request`` is ``flask.globals.request``):
  present, and the same object as that module's under the compat layer;
- the module itself: present, as Erlen's object, except the private helpers
  in :data:`NOT_PROVIDED`: Flask's internals, which Erlen implements
  differently and no known extension imports.
"""

from __future__ import annotations

import importlib
import json
import typing as t
from pathlib import Path

import pytest

DATA = json.loads(
    (Path(__file__).parent / "data" / "flask_names.json").read_text(encoding="utf-8")
)
MODULES: dict[str, dict[str, list[str]]] = DATA["modules"]

#: Flask's private helpers that the compat layer does not provide, by module.
#: Each is a detail of how Flask implements something Erlen does its own
#: way; a name imported from one of these is not provided either.
NOT_PROVIDED = {
    # Flask's markers and converters for defaults; Erlen has its own.
    "flask.app": {"_make_timedelta"},
    "flask.sansio.app": {"_make_timedelta"},
    "flask.ctx": {"_sentinel"},
    "flask.sansio.scaffold": {"_sentinel", "_find_package_path"},
    # The callbacks and checks behind Flask's command-line options.
    "flask.cli": {
        "_called_with_wrong_args",
        "_env_file_callback",
        "_env_file_option",
        "_path_is_ancestor",
        "_set_app",
        "_set_debug",
        "_validate_key",
    },
    "flask.debughelpers": {"_dump_loader_info"},
    "flask.helpers": {"_prepare_send_file_kwargs", "_split_blueprint_path"},
    "flask.json.provider": {"_default"},
    "flask.sessions": {"_lazy_sha1"},
    # erlen-signals keeps its Namespace private; the signals are public.
    "flask.signals": {"_signals"},
    "flask.templating": {"_default_template_ctx_processor", "_render", "_stream"},
    "flask.testing": {"_get_werkzeug_version", "_werkzeug_version"},
}

THIRD_PARTY = frozenset(
    {"werkzeug", "click", "jinja2", "blinker", "itsdangerous", "markupsafe"}
)


def _split(source: str) -> tuple[str, str | None]:
    module, _, attribute = source.partition(":")
    return module, attribute or None


def _is_provided(module: str, name: str, source: str) -> bool:
    if name in NOT_PROVIDED.get(module, ()):
        return False
    origin_module, attribute = _split(source)
    if attribute is not None and origin_module.startswith("flask"):
        return attribute not in NOT_PROVIDED.get(origin_module, ())
    return True


def _names(
    select: t.Callable[[str, str, str, str], bool],
) -> list[t.Any]:
    return [
        pytest.param(module, name, source, id=f"{module}:{name}")
        for module, names in MODULES.items()
        for name, (origin, source) in names.items()
        if _is_provided(module, name, source) and select(module, name, origin, source)
    ]


def _resolve(source: str) -> t.Any:
    module, attribute = _split(source)
    imported = importlib.import_module(module)
    return imported if attribute is None else getattr(imported, attribute)


def test_the_data_is_flask_3_1_3s() -> None:
    assert DATA["generated_with"]["flask"] == "3.1.3"
    assert sorted(MODULES) == sorted(
        name
        for name in importlib.import_module("erlen_flask_compat").FLASK_MODULES
        if name != "flask.sansio"  # a namespace package in Flask, with no names
    )


@pytest.mark.parametrize("module", sorted(MODULES))
def test_each_module_has_flasks_names(module: str) -> None:
    shim = importlib.import_module(module)
    missing = sorted(
        name
        for name, (_, source) in MODULES[module].items()
        if _is_provided(module, name, source) and not hasattr(shim, name)
    )
    assert not missing, f"{module} lacks {missing}"


@pytest.mark.parametrize(
    ("module", "name", "source"),
    _names(lambda module, name, origin, source: origin in THIRD_PARTY | {"stdlib"}),
)
def test_a_library_name_is_the_librarys_object(
    module: str, name: str, source: str
) -> None:
    assert getattr(importlib.import_module(module), name) is _resolve(source)


@pytest.mark.parametrize(
    ("module", "name", "source"),
    _names(
        lambda module, name, origin, source: origin == "flask"
        and _split(source)[0] != module
    ),
)
def test_a_name_from_another_flask_module_is_that_modules_object(
    module: str, name: str, source: str
) -> None:
    # Resolved under the compat layer: flask.app.request is flask.globals.request.
    assert getattr(importlib.import_module(module), name) is _resolve(source)


def test_every_flask_module_is_served_by_erlen() -> None:
    for module in MODULES:
        assert importlib.import_module(module).__spec__.origin.startswith(  # type: ignore[union-attr]
            str(Path(importlib.import_module("erlen_flask_compat").__file__).parent)
        )


def test_not_provided_names_are_flasks_private_names() -> None:
    for module, names in NOT_PROVIDED.items():
        assert names <= set(MODULES[module]), module
        assert all(name.startswith("_") for name in names)


def test_find_package_answers_as_flasks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from flask.sansio.scaffold import find_package

    (tmp_path / "shop.py").write_text("", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    # Not installed: no prefix, and the folder that holds the module.
    assert find_package("shop") == (None, str(tmp_path))
