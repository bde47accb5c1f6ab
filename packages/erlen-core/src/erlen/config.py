"""The application's configuration: a dict with loaders for files, objects
and the environment.

Only upper-case keys are taken from files, objects and mappings, so a config
module can hold lower-case helpers and imports without leaking them into the
configuration.
"""

from __future__ import annotations

import errno
import json
import os
import types
import typing as t

from werkzeug.utils import import_string

if t.TYPE_CHECKING:
    from collections.abc import Callable
    from collections.abc import Mapping

T = t.TypeVar("T")

# A missing file, or a directory where a file was expected, is what ``silent``
# forgives; permission errors and the like still surface.
_MISSING_ERRNOS = frozenset({errno.ENOENT, errno.EISDIR, errno.ENOTDIR})


class _HasConfig(t.Protocol):
    config: Config


class ConfigAttribute(t.Generic[T]):
    """Expose the config key ``name`` as an attribute of its owner.

    ``app.debug`` and friends read and write ``app.config`` through this
    descriptor, so the attribute and the key never drift apart.
    ``get_converter`` turns the stored value into the attribute's type on
    each read, because config files and the environment deliver raw values.
    """

    def __init__(
        self, name: str, get_converter: Callable[[t.Any], T] | None = None
    ) -> None:
        self.__name__ = name
        self.get_converter = get_converter

    @t.overload
    def __get__(
        self, obj: None, owner: type[t.Any] | None = None
    ) -> ConfigAttribute[T]: ...

    @t.overload
    def __get__(self, obj: _HasConfig, owner: type[t.Any] | None = None) -> T: ...

    def __get__(
        self, obj: _HasConfig | None, owner: type[t.Any] | None = None
    ) -> T | ConfigAttribute[T]:
        if obj is None:
            # Class access returns the descriptor, so docs tools and
            # subclasses can still see it.
            return self
        value = obj.config[self.__name__]
        if self.get_converter is not None:
            value = self.get_converter(value)
        return value  # type: ignore[no-any-return]

    def __set__(self, obj: _HasConfig, value: t.Any) -> None:
        obj.config[self.__name__] = value


class Config(dict[str, t.Any]):
    """A dict of settings that knows where the application lives.

    ``root_path`` anchors the relative file names given to
    :meth:`from_pyfile` and :meth:`from_file`, so loading does not depend on
    the current working directory. ``defaults`` seeds the dict.
    """

    def __init__(
        self,
        root_path: str | os.PathLike[str],
        defaults: dict[str, t.Any] | None = None,
    ) -> None:
        super().__init__(defaults or {})
        self.root_path = root_path

    def from_envvar(self, variable_name: str, silent: bool = False) -> bool:
        """Load the Python file named by the environment variable
        ``variable_name``, as :meth:`from_pyfile` does.

        This lets a deployment point at its own settings without code
        changes. Returns ``False`` when ``silent`` is true and the variable
        is unset or the file is missing.
        """
        path = os.environ.get(variable_name)
        if path:
            return self.from_pyfile(path, silent=silent)
        if silent:
            return False
        raise RuntimeError(
            f"The environment variable {variable_name!r} is not set, so no"
            " configuration file could be loaded from it. Set it to the path"
            " of a Python configuration file, for example"
            f" 'export {variable_name}=/path/to/settings.cfg', or pass"
            " silent=True to carry on without it."
        )

    def from_prefixed_env(
        self, prefix: str = "ERLEN", *, loads: Callable[[str], t.Any] = json.loads
    ) -> bool:
        """Load every environment variable that starts with ``prefix_``.

        ``ERLEN_SECRET_KEY`` sets ``SECRET_KEY``. Each value goes through
        ``loads`` so numbers, booleans and lists arrive typed; a value it
        cannot parse is kept as the raw string. A double underscore reaches
        into nested dicts: ``ERLEN_DB__HOST`` sets ``config["DB"]["HOST"]``,
        creating ``config["DB"]`` if needed. Variables are applied in sorted
        order so the result does not depend on the environment's ordering.
        Always returns ``True``.
        """
        start = f"{prefix}_"
        for name in sorted(os.environ):
            if name.startswith(start):
                parts = name[len(start) :].split("__")
                self._set_nested(parts, _parse(os.environ[name], loads))
        return True

    def _set_nested(self, parts: list[str], value: t.Any) -> None:
        *parents, leaf = parts
        target: dict[str, t.Any] = self
        for part in parents:
            target = target.setdefault(part, {})
        target[leaf] = value

    def from_pyfile(
        self, filename: str | os.PathLike[str], silent: bool = False
    ) -> bool:
        """Execute a Python file and load its upper-case names.

        ``filename`` is relative to :attr:`root_path`. The file runs as a
        throwaway module, so it may compute values and import helpers. With
        ``silent`` true, a missing file returns ``False`` instead of raising.
        """
        path = os.path.join(self.root_path, filename)
        source = _read_bytes(path, silent)
        if source is None:
            return False
        module = types.ModuleType("config")
        module.__file__ = path
        exec(compile(source, path, "exec"), module.__dict__)
        self.from_object(module)
        return True

    def from_object(self, obj: object | str) -> None:
        """Load the upper-case attributes of ``obj``.

        ``obj`` is usually a module or a class holding defaults; a string is
        imported first, as in ``"myapp.settings.Production"``. Lower-case
        attributes are skipped so the object can carry helpers.
        """
        if isinstance(obj, str):
            obj = import_string(obj)
        for key in dir(obj):
            if key.isupper():
                self[key] = getattr(obj, key)

    def from_file(
        self,
        filename: str | os.PathLike[str],
        load: Callable[[t.IO[t.Any]], Mapping[str, t.Any]],
        silent: bool = False,
        text: bool = True,
    ) -> bool:
        """Load a data file with ``load`` and keep its upper-case keys.

        Any format with a file loader works: ``load=json.load``, or
        ``load=tomllib.load, text=False`` for TOML, which needs binary mode.
        ``filename`` is relative to :attr:`root_path`; text files are read
        as UTF-8. With ``silent`` true, a missing file returns ``False``.
        """
        path = os.path.join(self.root_path, filename)
        file = _open(path, "r" if text else "rb", silent)
        if file is None:
            return False
        with file:
            data = load(file)
        return self.from_mapping(data)

    def from_mapping(
        self, mapping: Mapping[str, t.Any] | None = None, **kwargs: t.Any
    ) -> bool:
        """Load the upper-case keys of ``mapping`` and of ``kwargs``.

        Keyword arguments win over the mapping. Always returns ``True``.
        """
        merged: dict[str, t.Any] = dict(mapping or {}, **kwargs)
        self.update({k: v for k, v in merged.items() if k.isupper()})
        return True

    def get_namespace(
        self, namespace: str, lowercase: bool = True, trim_namespace: bool = True
    ) -> dict[str, t.Any]:
        """Return the keys that start with ``namespace`` as a new dict.

        Handy for handing a group of settings to a client as keyword
        arguments: ``get_namespace("IMAGE_STORE_")`` turns
        ``IMAGE_STORE_BASE_URL`` into ``base_url``. ``trim_namespace`` and
        ``lowercase`` keep the prefix or the case when set to ``False``.
        """
        result: dict[str, t.Any] = {}
        for key, value in self.items():
            if not key.startswith(namespace):
                continue
            if trim_namespace:
                key = key[len(namespace) :]
            result[key.lower() if lowercase else key] = value
        return result

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {dict.__repr__(self)}>"


def _parse(raw: str, loads: Callable[[str], t.Any]) -> t.Any:
    # Environment values are strings; anything ``loads`` rejects is meant
    # as a plain string, so keep it rather than fail.
    try:
        return loads(raw)
    except Exception:
        return raw


def _open(path: str, mode: str, silent: bool) -> t.IO[t.Any] | None:
    """Open a configuration file, or return ``None`` if it is missing and
    ``silent`` is true; other errors name the file and say what failed."""
    # Text-mode files are read as UTF-8 whatever the locale, as JSON requires.
    encoding = None if "b" in mode else "utf-8"
    try:
        return open(path, mode, encoding=encoding)
    except OSError as e:
        if silent and e.errno in _MISSING_ERRNOS:
            return None
        e.strerror = f"Unable to load configuration file ({e.strerror})"
        raise


def _read_bytes(path: str, silent: bool) -> bytes | None:
    file = _open(path, "rb", silent)
    if file is None:
        return None
    with file:
        return t.cast(bytes, file.read())
