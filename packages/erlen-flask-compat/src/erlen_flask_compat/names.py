"""Names Flask's modules define that Erlen has no counterpart for.

Code written for Flask imports them from Flask's modules (type variables in
annotations, an exception class in an ``except``); the shims re-export them
from here so every ``flask.*`` module has the names Flask's has.
"""

from __future__ import annotations

import typing as t

if t.TYPE_CHECKING:
    from erlen import typing as ft

#: The type variables of ``flask.app``'s template decorators.
T_template_filter = t.TypeVar("T_template_filter", bound="ft.TemplateFilterCallable")
T_template_global = t.TypeVar("T_template_global", bound="ft.TemplateGlobalCallable")
T_template_test = t.TypeVar("T_template_test", bound="ft.TemplateTestCallable")


class UnexpectedUnicodeError(AssertionError, UnicodeError):
    """Flask's error for unexpected text or bytes; neither Flask nor Erlen raises it.

    It exists so that an ``except flask.debughelpers.UnexpectedUnicodeError``
    in code written for Flask still imports.
    """


def explain_template_loading_attempts(
    app: t.Any,
    template: str,
    attempts: list[tuple[t.Any, t.Any, t.Any]],
) -> None:
    """Log where ``template`` was looked for, with Flask's argument order.

    Flask passes each attempt as ``(loader, app or blueprint, source)``;
    erlen-templating, which does the logging, takes the owner first.
    """
    from erlen_templating.explain import explain_attempts

    explain_attempts(
        app, template, [(owner, loader, source) for loader, owner, source in attempts]
    )
