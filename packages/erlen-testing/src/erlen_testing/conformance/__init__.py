"""Conformance tests a plugin runs on itself to prove it fills its slot.

A plugin author subclasses a class here in a test module, under a name
pytest collects, and sets what the class asks for; pytest then runs every
check on the plugin. Erlen's own plugins run the same tests. This module
needs pytest, so import it only from tests.
"""

from .sessions import SessionInterfaceConformance as SessionInterfaceConformance
from .templating import TemplateEngineConformance as TemplateEngineConformance
