"""Two apps and no conventional name: discovery cannot choose."""

from __future__ import annotations

from erlen import Erlen

first = Erlen("first")
second = Erlen("second")
