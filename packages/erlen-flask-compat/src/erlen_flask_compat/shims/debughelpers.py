"""``flask.debughelpers``."""

from __future__ import annotations

from erlen.debughelpers import (
    attach_enctype_error_multidict as attach_enctype_error_multidict,
)
from erlen.debughelpers import DebugFilesKeyError as DebugFilesKeyError
from erlen.debughelpers import FormDataRoutingRedirect as FormDataRoutingRedirect
