"""Where erlen-core stands in for a general library path, for speed.

Each module here replaces one general path of Werkzeug or the standard
library with the case Erlen needs, says which path it replaces and which
internals it relies on (docs/internals.md lists them), and is held to the
general path by tests that compare the two:

- :mod:`.requests`: request attributes read from the environ on first use,
  and a shorter ``request.headers.get``;
- :mod:`.cookies`: ``Cookie`` headers of plain pairs split directly, and
  ``Set-Cookie`` headers of plain cookies written from Werkzeug's output;
- :mod:`.headers`: plain text response headers set on Werkzeug's item list;
- :mod:`.responses`: a plain body set and sent without Werkzeug's general
  preparation;
- :mod:`.routing`: the URL map bound from the request's own values, hosts
  and matches remembered;
- :mod:`.matching`: a path that reaches one place in Werkzeug's tree of
  rules answered there, without Werkzeug's depth-first search;
- :mod:`.errors`: the page of a plain HTTP error built directly, a stock
  one formatted once;
- :mod:`.json`: one-line JSON through the standard library's C encoder.

The modules outside this package are the general code: with the speedups
switched off (``ERLEN_NO_SPEEDUPS=1``, read once by
:mod:`erlen_contexts.speedups`) none of these modules is imported, and
Erlen runs the libraries' own paths.
"""

from __future__ import annotations

from erlen_contexts.speedups import ENABLED as ENABLED
