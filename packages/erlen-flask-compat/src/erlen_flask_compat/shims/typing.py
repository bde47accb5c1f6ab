"""``flask.typing``: the type aliases of views, hooks and handlers."""

# Flask's module holds these names, used or not: they are its namespace.
# ruff: noqa: F401

from __future__ import annotations

import collections.abc as cabc
import typing as t

from erlen.typing import AfterRequestCallable as AfterRequestCallable
from erlen.typing import AppOrBlueprintKey as AppOrBlueprintKey
from erlen.typing import BeforeFirstRequestCallable as BeforeFirstRequestCallable
from erlen.typing import BeforeRequestCallable as BeforeRequestCallable
from erlen.typing import ErrorHandlerCallable as ErrorHandlerCallable
from erlen.typing import HeadersValue as HeadersValue
from erlen.typing import HeaderValue as HeaderValue
from erlen.typing import ResponseClass as ResponseClass
from erlen.typing import ResponseReturnValue as ResponseReturnValue
from erlen.typing import ResponseValue as ResponseValue
from erlen.typing import RouteCallable as RouteCallable
from erlen.typing import ShellContextProcessorCallable as ShellContextProcessorCallable
from erlen.typing import StatusCode as StatusCode
from erlen.typing import TeardownCallable as TeardownCallable
from erlen.typing import (
    TemplateContextProcessorCallable as TemplateContextProcessorCallable,
)
from erlen.typing import TemplateFilterCallable as TemplateFilterCallable
from erlen.typing import TemplateGlobalCallable as TemplateGlobalCallable
from erlen.typing import TemplateTestCallable as TemplateTestCallable
from erlen.typing import URLDefaultCallable as URLDefaultCallable
from erlen.typing import URLValuePreprocessorCallable as URLValuePreprocessorCallable
