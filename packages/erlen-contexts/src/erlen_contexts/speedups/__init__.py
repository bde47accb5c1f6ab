"""The shortcuts erlen-contexts takes past Werkzeug's public API, and their switch.

Every Erlen distribution keeps the code that stands in for a general
library path, relying on a library's internals to do so, in a module named
``speedups``; nothing else reaches past a library's public API. Here:

- :mod:`.proxy`: a ``LocalProxy`` subclass that reaches the proxied
  object's attributes before Werkzeug's lookup fails (general path:
  :class:`werkzeug.local.LocalProxy` itself);
- :mod:`.werkzeug_package`: Werkzeug's package ``__init__`` run when one of
  its own names is first read (general path: importing it as usual).

:data:`ENABLED` is the one switch for every distribution's speedups: the
environment variable ``ERLEN_NO_SPEEDUPS`` set to anything but ``""`` or
``"0"`` turns them all off, and Erlen then runs the libraries' own general
paths, to rule the shortcuts out when something goes wrong. It is read once,
when this module is first imported; erlen-core and the plugins read
:data:`ENABLED` here rather than the environment, so a process cannot run
with some shortcuts on and others off.
"""

from __future__ import annotations

import os
import typing as t

#: The environment variable that switches every speedup off.
SWITCH = "ERLEN_NO_SPEEDUPS"

#: Whether Erlen's speedups are in use, decided once per process.
ENABLED: t.Final[bool] = os.environ.get(SWITCH, "") in ("", "0")
