"""``flask.sansio.scaffold``."""

from __future__ import annotations

from erlen.sansio.scaffold import Scaffold as Scaffold
from erlen.sansio.scaffold import setupmethod as setupmethod
