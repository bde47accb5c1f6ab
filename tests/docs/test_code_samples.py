"""The Python samples of the docs' guides run, so the docs cannot rot.

In the pages below, every fenced block marked ``python`` runs, in order,
with the blocks of one page sharing a namespace as a reader's session
would. A block meant to be read but not run (it needs a server, or a
project of the reader's) is marked ``py`` instead.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parents[2] / "docs"
#: The pages whose samples run: the user's documentation Erlen writes.
PAGES = sorted(
    page
    for folder in ("start", "guide", "tutorial")
    for page in (DOCS / folder).glob("*.md")
)
_BLOCK = re.compile(r"^```python\n(.*?)^```$", re.DOTALL | re.MULTILINE)


def test_there_are_samples() -> None:
    assert sum(len(_BLOCK.findall(page.read_text())) for page in PAGES) >= 10


@pytest.mark.parametrize("page", PAGES, ids=lambda page: f"{page.parent.name}/{page.name}")
def test_samples_run(
    page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # an app's root path, and any file it writes
    namespace: dict[str, object] = {"__name__": f"docs_{page.stem}"}
    text = page.read_text(encoding="utf-8")
    for match in _BLOCK.finditer(text):
        line = text.count("\n", 0, match.start()) + 2
        code = compile(match.group(1), f"{page}:{line}", "exec")
        exec(code, namespace)
