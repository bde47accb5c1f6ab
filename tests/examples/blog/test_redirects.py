"""The rule for ``next``: a path on this site, nothing that leaves it."""

from __future__ import annotations

import pytest
from blog.redirects import is_safe_next


@pytest.mark.parametrize("target", ["/", "/new", "/1/edit?x=1#top", "/a//b"])
def test_paths_on_the_site_are_safe(target: str) -> None:
    assert is_safe_next(target)


@pytest.mark.parametrize(
    "target",
    [
        "",
        "new",
        "https://evil.example/",
        "//evil.example",
        "/\\evil.example",
        "/\t/evil.example",
        "/a\\b",
        "javascript:alert(1)",
        "http:/evil.example",
    ],
)
def test_targets_that_leave_are_refused(target: str) -> None:
    assert not is_safe_next(target)
