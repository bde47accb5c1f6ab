"""The ``testing`` slot: the test client and the environ builder.

The CLI runner of ``app.test_cli_runner()`` comes from the ``cli`` slot,
which owns click.
"""

from __future__ import annotations

import typing as t


@t.runtime_checkable
class TestingPlugin(t.Protocol):
    """What a testing plugin implements.

    Register the object under ``[project.entry-points."erlen.testing"]``.
    Each is called with the application as first argument; a factory
    function serves as well as a class.
    """

    __test__: t.ClassVar[bool] = False  # not a test class, despite the name

    #: Returned by ``app.test_client()``; a :class:`werkzeug.test.Client`.
    client_class: type[t.Any]
    #: Builds environs for ``app.test_request_context()``.
    environ_builder_class: type[t.Any]
