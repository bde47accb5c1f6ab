"""Where a ``next`` parameter may send the visitor after logging in.

``/auth/login?next=https://evil.example/`` is a link anyone can send; if the
blog followed it, its login page would lend its name to a phishing site.
Only paths on this site are followed.

When Erlen ships a helper for this rule (the hardening work plans
``erlen.is_safe_redirect_url``), ``is_safe_next`` is the one function to
replace with it.
"""

from __future__ import annotations

from urllib.parse import urlsplit


def is_safe_next(target: str) -> bool:
    """Whether ``target`` is a path on this site, and nothing that leaves it.

    Browsers read ``//host`` and ``/\\host`` as other hosts, and drop tabs and
    newlines before parsing, so those are refused along with any scheme or
    host.
    """
    if not target.startswith("/") or target.startswith(("//", "/\\")):
        return False
    if any(ord(char) < 32 or char == "\\" for char in target):
        return False
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc
