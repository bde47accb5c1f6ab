"""The ``testing`` slot: the test client and the environ builder.

The CLI runner of ``app.test_cli_runner()`` comes from the ``cli`` slot,
which owns click.
"""

from __future__ import annotations

import typing as t

from .contracts import ContractVersion

#: The version of the testing contract this core implements (see
#: :mod:`erlen.plugins.contracts`); a plugin states the one it was built for.
CONTRACT_VERSION: t.Final = ContractVersion(1, 0)


@t.runtime_checkable
class TestingPlugin(t.Protocol):
    """What a testing plugin implements.

    Register the object under ``[project.entry-points."erlen.testing"]``.
    Each is called with the application as first argument; a factory
    function serves as well as a class.
    """

    #: The version of the contract the plugin implements, ``"MAJOR.MINOR"``.
    contract_version: str

    __test__: t.ClassVar[bool] = False  # not a test class, despite the name

    #: Returned by ``app.test_client()``; a :class:`werkzeug.test.Client`.
    client_class: type[t.Any]
    #: Builds environs for ``app.test_request_context()``.
    environ_builder_class: type[t.Any]
