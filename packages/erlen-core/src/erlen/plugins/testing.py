"""The ``testing`` slot: the test client, CLI runner and environ builder."""

from __future__ import annotations

import typing as t


@t.runtime_checkable
class TestingPlugin(t.Protocol):
    """What a testing plugin implements.

    Register the object under ``[project.entry-points."erlen.testing"]``.
    Each is called with the application as first argument; a factory
    function serves as well as a class, which lets a plugin defer importing
    what a class would need (click, for the runner) until it is used.
    """

    __test__: t.ClassVar[bool] = False  # not a test class, despite the name

    #: Returned by ``app.test_client()``; a :class:`werkzeug.test.Client`.
    client_class: type[t.Any]
    #: Called by ``app.test_cli_runner()``; a class or a factory.
    cli_runner_class: t.Callable[..., t.Any]
    #: Builds environs for ``app.test_request_context()``.
    environ_builder_class: type[t.Any]
