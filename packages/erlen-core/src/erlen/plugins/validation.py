"""Checking that a plugin object fits its slot's protocol, when it loads."""

from __future__ import annotations

import inspect
import typing as t

from .contracts import is_optional
from .errors import InvalidPluginError


class Members(t.NamedTuple):
    """What a protocol asks of a plugin."""

    #: Required methods, with the number of positional arguments core passes.
    methods: dict[str, int]
    #: Methods a plugin may leave out, checked the same way when present.
    optional_methods: dict[str, int]
    #: Attributes a plugin must have.
    attributes: set[str]


def protocol_members(protocol: type) -> Members:
    """Return the protocol's methods (with their positional arity) and attributes.

    Reading the class body keeps this independent of private typing APIs,
    which differ between Python versions.
    """
    methods: dict[str, int] = {}
    optional_methods: dict[str, int] = {}
    # Private names (``__test__`` on TestingPlugin) are for tools, not plugins.
    attributes = {
        name
        for name in getattr(protocol, "__annotations__", {})
        if not name.startswith("_")
    }
    for name, value in vars(protocol).items():
        if name.startswith("_") or not inspect.isfunction(value):
            continue
        parameters = list(inspect.signature(value).parameters.values())[1:]
        arity = sum(
            p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD) for p in parameters
        )
        (optional_methods if is_optional(value) else methods)[name] = arity
    return Members(methods, optional_methods, attributes)


def _accepts(func: t.Callable[..., t.Any], arity: int) -> bool:
    try:
        signature = inspect.signature(func)
    except (TypeError, ValueError):  # builtins without a signature: trust them
        return True
    try:
        signature.bind(*([None] * arity))
    except TypeError:
        return False
    return True


def validate(plugin: object, protocol: type, described_as: str) -> None:
    """Raise :exc:`InvalidPluginError` unless ``plugin`` fits ``protocol``.

    :param described_as: how to name the plugin in the message, such as
        ``"entry point 'cookie' (erlen.sessions) of erlen-sessions 0.1.0"``.
    """
    members = protocol_members(protocol)
    problems = [
        f"it has no attribute '{name}'"
        for name in sorted(members.attributes)
        if not hasattr(plugin, name)
    ]
    checked = [(name, arity, True) for name, arity in members.methods.items()]
    checked += [(name, arity, False) for name, arity in members.optional_methods.items()]
    for name, arity, required in sorted(checked):
        member = getattr(plugin, name, None)
        if member is None and not required:
            continue
        if member is None or not callable(member):
            problems.append(f"it has no method '{name}'")
        elif not _accepts(member, arity):
            problems.append(f"its '{name}' cannot be called with {arity} argument(s)")
    if problems:
        raise InvalidPluginError(
            f"The plugin {described_as} does not implement {protocol.__name__}:"
            f" {'; '.join(problems)}. Fix the plugin, or uninstall it and use"
            " another."
        )
