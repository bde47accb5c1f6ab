"""The ``testing`` slot: the test client, CLI runner and environ builder."""

from __future__ import annotations

import typing as t


@t.runtime_checkable
class TestingPlugin(t.Protocol):
    """What a testing plugin implements.

    Register the object under ``[project.entry-points."erlen.testing"]``.
    Each class is instantiated with the application as first argument.
    """

    __test__: t.ClassVar[bool] = False  # not a test class, despite the name

    #: Returned by ``app.test_client()``; a :class:`werkzeug.test.Client`.
    client_class: type[t.Any]
    #: Returned by ``app.test_cli_runner()``.
    cli_runner_class: type[t.Any]
    #: Builds environs for ``app.test_request_context()``.
    environ_builder_class: type[t.Any]
