"""Speedup: cookie headers in their common shape, without Werkzeug's general path.

General path replaced: :func:`werkzeug.http.parse_cookie` for the request's
``Cookie`` header, and :func:`werkzeug.http.dump_cookie` in
``Response.set_cookie``.

Browsers send ``a=1; b=2``, and a session sets a cookie with the same
attributes on every response. Werkzeug parses and writes every cookie with
regular expressions and quoting that handle the rare shapes too; the
functions here handle the common shape in a few string operations and hand
anything else back (``None``), so the result is always Werkzeug's.
``tests/erlen_core/test_fast_paths.py`` compares them with Werkzeug.

Internals used: ``dump_cookie``'s output format, reused for cookies of
plain octets (its attributes are asked of ``dump_cookie`` once per
combination).
"""

from __future__ import annotations

import functools
import re

from werkzeug.http import dump_cookie

#: RFC 6265's cookie-octet: printable ASCII but for ``"``, ``,``, ``;`` and
#: ``\``. A value made of these is sent unquoted.
_COOKIE_OCTETS = re.compile(r"[\x21\x23-\x2b\x2d-\x3a\x3c-\x5b\x5d-\x7e]*")


def plain_cookie_pairs(header: str) -> list[tuple[str, str]] | None:
    """The ``name=value`` pairs of a Cookie header with nothing unusual in it.

    ``None`` when the header has quotes, tabs or spaces inside a name or a
    value: Werkzeug's parser decides what those mean.
    """
    if '"' in header or "\t" in header:
        return None
    pairs = []
    for part in header.split(";"):
        name, _, value = part.partition("=")
        name = name.strip(" ")
        if not name:
            continue  # Werkzeug skips a part without a name.
        value = value.strip(" ")
        if " " in name or " " in value:
            return None
        pairs.append((name, value))
    return pairs


#: A cookie's attributes but for its expiry, in ``dump_cookie``'s terms:
#: ``(path, domain, secure, httponly, samesite, partitioned)``.
CookieAttributes = tuple[str | None, str | None, bool, bool, str | None, bool]


def set_cookie_header(key: str, value: str, attributes: CookieAttributes) -> str | None:
    """The ``Set-Cookie`` value for a cookie without expiry, or ``None``.

    ``None`` unless the name and value need no quoting or encoding; the
    caller then asks Werkzeug. What the attributes turn into is asked of
    Werkzeug once per combination.
    """
    if not (
        type(key) is str
        and type(value) is str
        and "=" not in key
        and _COOKIE_OCTETS.fullmatch(key)
        and _COOKIE_OCTETS.fullmatch(value)
    ):
        return None
    return f"{key}={value}{_attributes(attributes)}"


@functools.lru_cache(maxsize=64)
def _attributes(attributes: CookieAttributes) -> str:
    """What Werkzeug writes after a cookie's value for these attributes.

    Werkzeug quotes the path, encodes the domain and checks ``samesite``
    (raising :exc:`ValueError` for a bad one, which is not cached).
    """
    path, domain, secure, httponly, samesite, partitioned = attributes
    header = dump_cookie(
        "k",
        "",
        path=path,
        domain=domain,
        secure=secure,
        httponly=httponly,
        samesite=samesite,
        partitioned=partitioned,
    )
    return header[len("k=") :]
